using System.Collections.Concurrent;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>Counts the messages "sent" per contact and per Message-ID, across every host of a test.</summary>
internal sealed class RecordingMailbox
{
    public ConcurrentDictionary<Guid, int> ByContact { get; } = new();

    public ConcurrentDictionary<string, int> ByMessageId { get; } = new(StringComparer.Ordinal);

    public void Send(Guid contactId, string messageId)
    {
        ByContact.AddOrUpdate(contactId, 1, (_, n) => n + 1);
        ByMessageId.AddOrUpdate(messageId, 1, (_, n) => n + 1);
    }
}
