using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.DoubleOptin;
using Optin.Forms.MailKit.Tests.Imap;
using Optin.Forms.Tests.Deliverability;

namespace Optin.Forms.AspNetCore.Tests.Deliverability;

/// <summary>
/// The whole chain with real components: the sample site (SQLite file) with its IMAP poller pointed at a real IMAP
/// server (Dovecot on 127.0.0.1, started by .ci/services/dovecot.sh), a Postfix DSN and a Yahoo ARF report delivered to
/// the mailbox, and the real report processor applying them.
/// </summary>
public sealed class ImapBounceEndToEndTests
{
    private const string Jean = "jean.dupont@exemple.fr";

    [ImapFact]
    [Trait("Requirement", "DLV-1")]
    public async Task ReportsDeliveredToTheMailbox_AreAppliedByTheSite_AndMovedOutOfTheFolder()
    {
        var (host, port, user, password) = ImapFactAttribute.Server;
        var folder = "e2e" + Guid.NewGuid().ToString("N")[..10];
        using var imap = new ImapClient();
        await imap.ConnectAsync(host, port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, password);
        var root = imap.GetFolder(imap.PersonalNamespaces[0]);
        var reports = await root.CreateAsync(folder, isMessageFolder: true) ?? throw new InvalidOperationException("no folder");
        var done = await root.CreateAsync(folder + "-done", isMessageFolder: true) ?? throw new InvalidOperationException("no folder");

        using var app = new OptinWebFactory(
            ("OptinForms:Deliverability:Imap:Host", host),
            ("OptinForms:Deliverability:Imap:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("OptinForms:Deliverability:Imap:Security", "None"),
            ("OptinForms:Deliverability:Imap:UserName", user),
            ("OptinForms:Deliverability:Imap:Password", password),
            ("OptinForms:Deliverability:Imap:Folder", folder),
            ("OptinForms:Deliverability:Imap:ProcessedFolder", folder + "-done"),
            ("OptinForms:Deliverability:Imap:PollInterval", "00:00:01"));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);
        // The reports are about the double opt-in email the site sent Jean, as his mail system would return it.
        var sent = await app.FirstMessageIdToAsync(Jean);

        await reports.AppendAsync(new AppendRequest(ReportFixtures.Tied("postfix-dsn-permanent.eml", sent)));
        await reports.AppendAsync(new AppendRequest(ReportFixtures.Tied("yahoo-arf-complaint.eml", sent)));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await reports.OpenAsync(FolderAccess.ReadOnly);
            var left = reports.Count;
            await reports.CloseAsync();
            await done.OpenAsync(FolderAccess.ReadOnly);
            var moved = done.Count;
            await done.CloseAsync();
            if (left == 0 && moved == 2)
            {
                break;
            }

            await Task.Delay(200);
        }

        await done.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(2, done.Count);

        // The DSN marks the address undeliverable; with the complaint, whichever came first, the stronger mark stays
        // (no mail at all), and the complaint withdrew the marketing consent.
        var entry = await app.Services.GetRequiredService<SuppressionList>().FindAsync(Jean, default);
        Assert.Equal("undeliverable", entry?.Reason);
        await reports.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(0, reports.Count);
        var contact = await app.Store.Contacts.FindByEmailKeyAsync(Jean, default);
        Assert.Equal(Contacts.OptinState.Withdrawn, contact!.GetState("newsletter"));
    }
}
