using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Optin.Forms.MailKit;

/// <summary>Adds a DKIM-Signature to a message for the time of one send, with MimeKit's <see cref="DkimSigner"/>.</summary>
internal sealed class DkimMessageSigner
{
    private static readonly string[] SignedHeaders =
        ["From", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private readonly DkimSigner _signer;

    public DkimMessageSigner(SmtpDkimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signer = CreateSigner(options);
    }

    /// <summary>Whether the configured key loads, for start-time validation.</summary>
    public static bool CanLoadKey(SmtpDkimOptions options)
    {
        try
        {
            CreateSigner(options);
            return true;
        }
#pragma warning disable CA1031 // Any failure to parse the key is reported as one configuration problem.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// Signs <paramref name="message"/> and returns the added header, which the caller removes after the send so that
    /// the job's message stays as composed (a retry signs again rather than carrying two signatures).
    /// </summary>
    public Header Sign(MimeMessage message)
    {
        // Fix the transfer encodings first: MailKit would otherwise re-encode 8-bit parts after signing.
        message.Prepare(EncodingConstraint.SevenBit);
        var before = message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList();
        var present = SignedHeaders.Where(message.Headers.Contains).ToArray();
        _signer.Sign(message, present);
        return message.Headers.First(h => h.Id == HeaderId.DkimSignature && !before.Contains(h));
    }

    private static DkimSigner CreateSigner(SmtpDkimOptions options)
    {
        var domain = options.Domain ?? throw new InvalidOperationException("The DKIM domain is missing.");
        var selector = options.Selector ?? throw new InvalidOperationException("The DKIM selector is missing.");
        DkimSigner signer;
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPem))
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(options.PrivateKeyPem.Trim()));
            signer = new DkimSigner(stream, domain, selector, DkimSignatureAlgorithm.RsaSha256);
        }
        else
        {
            signer = new DkimSigner(options.PrivateKeyPath!, domain, selector, DkimSignatureAlgorithm.RsaSha256);
        }

        signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        return signer;
    }
}
