using MimeKit;
using Optin.Forms.Mail;

namespace Optin.Forms.Tests.Support;

/// <summary>A sender that fails as scripted, then hands messages to an in-memory sink.</summary>
internal sealed class ScriptedMailSender(InMemoryMailSender sink) : IMailSender
{
    public Queue<Func<Exception?>> Script { get; } = new();

    /// <summary>When set, a message is accepted and then this source is cancelled: the process dies before "done".</summary>
    public CancellationTokenSource? CrashAfterAccept { get; set; }

    public async ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (Script.TryDequeue(out var next) && next() is { } failure)
        {
            throw failure;
        }

        await sink.SendAsync(message, cancellationToken);
        if (CrashAfterAccept is { } crash)
        {
            CrashAfterAccept = null;
            await crash.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
