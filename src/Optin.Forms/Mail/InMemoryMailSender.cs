using System.Collections.Concurrent;
using MimeKit;

namespace Optin.Forms.Mail;

/// <summary>Keeps sent messages in memory, for tests. A resent message (same Message-ID) counts once in <see cref="UniqueMessages"/>.</summary>
public sealed class InMemoryMailSender : IMailSender
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();

    /// <summary>Every message accepted, in order, resends included.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    /// <summary>The messages a receiver would keep: one per Message-ID, the first accepted.</summary>
    public IReadOnlyList<MimeMessage> UniqueMessages => [.. _messages.DistinctBy(m => m.MessageId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        _messages.Enqueue(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Forgets every message.</summary>
    public void Clear() => _messages.Clear();
}
