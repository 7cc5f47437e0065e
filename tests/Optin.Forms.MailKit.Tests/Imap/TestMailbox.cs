using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Optin.Forms.MailKit.Tests.Imap;

/// <summary>
/// A test's own folders on the real IMAP server (a reports folder, a processed and a refused one, with a unique
/// prefix so that tests can run side by side), seeded by IMAP APPEND and inspected through a second connection.
/// </summary>
internal sealed class TestMailbox : IAsyncDisposable
{
    private readonly ImapClient _client = new() { Timeout = 30_000 };

    private TestMailbox(string prefix)
    {
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string Reports => $"{Prefix}-reports";

    public string Processed => $"{Prefix}-processed";

    public string Refused => $"{Prefix}-refused";

    public static async Task<TestMailbox> OpenAsync()
    {
        var mailbox = new TestMailbox("t" + Guid.NewGuid().ToString("N")[..10]);
        var (host, port, user, password) = ImapFactAttribute.Server;
        await mailbox._client.ConnectAsync(host, port, SecureSocketOptions.None);
        await mailbox._client.AuthenticateAsync(user, password);
        var root = mailbox._client.GetFolder(mailbox._client.PersonalNamespaces[0]);
        await root.CreateAsync(mailbox.Reports, isMessageFolder: true);
        return mailbox;
    }

    /// <summary>Options that point the poller at this mailbox, moving reports to the processed and refused folders.</summary>
    public ImapPollerOptions Options(bool withTargetFolders = true)
    {
        var (host, port, user, password) = ImapFactAttribute.Server;
        return new ImapPollerOptions
        {
            Host = host,
            Port = port,
            Security = ImapSecurity.None,
            UserName = user,
            Password = password,
            Folder = Reports,
            ProcessedFolder = withTargetFolders ? Processed : null,
            RefusedFolder = withTargetFolders ? Refused : null,
            PollInterval = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            CommandTimeout = TimeSpan.FromSeconds(20),
        };
    }

    /// <summary>Appends a message with this subject (the recording processor's instruction) and returns its Message-ID.</summary>
    public async Task<string> AppendAsync(string subject, string folder = "")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", "mailer-daemon@mx.example.net"));
        message.To.Add(new MailboxAddress("Bounces", "bounces@atelier-dupont.example"));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@mx.example.net";
        message.Body = new TextPart("plain") { Text = "Delivery to the following recipient failed permanently." };
        var target = await _client.GetFolderAsync(folder.Length > 0 ? folder : Reports);
        await target.AppendAsync(new AppendRequest(message));
        return message.MessageId;
    }

    /// <summary>The Message-IDs in <paramref name="folder"/> with their flags and keywords; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<(string MessageId, bool Seen, IReadOnlySet<string> Keywords)>> ContentsAsync(string folder)
    {
        IMailFolder target;
        try
        {
            target = await _client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }

        await target.OpenAsync(FolderAccess.ReadOnly);
        try
        {
            var uids = await target.SearchAsync(SearchQuery.All);
            if (uids.Count == 0)
            {
                return [];
            }

            var summaries = await target.FetchAsync(uids, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
            return [.. summaries.Select(s => (s.Envelope?.MessageId ?? string.Empty, (s.Flags ?? MessageFlags.None).HasFlag(MessageFlags.Seen), (IReadOnlySet<string>)s.Keywords))];
        }
        finally
        {
            await target.CloseAsync();
        }
    }

    public async Task<IReadOnlyList<string>> MessageIdsAsync(string folder) =>
        [.. (await ContentsAsync(folder)).Select(m => m.MessageId).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var name in new[] { Reports, Processed, Refused })
            {
                try
                {
                    var folder = await _client.GetFolderAsync(name);
                    await folder.DeleteAsync();
                }
                catch (FolderNotFoundException)
                {
                }
            }

            await _client.DisconnectAsync(quit: true);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
