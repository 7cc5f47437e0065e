using MimeKit;
using Optin.Forms.Mail;

namespace Optin.Forms.Tests.Support;

/// <summary>
/// A sender that holds each message until the test opens the gate for it: a slow SMTP server whose pace the test sets,
/// together with the fake clock.
/// </summary>
internal sealed class GatedMailSender(InMemoryMailSender sink) : IMailSender, IDisposable
{
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _gate = new(0);

    /// <summary>Waits until one more message is in the sender's hands (at most 10 s).</summary>
    public async Task WaitForArrivalAsync()
    {
        if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("No message reached the sender.");
        }
    }

    /// <summary>Lets <paramref name="count"/> held (or future) messages through.</summary>
    public void Open(int count = 1) => _gate.Release(count);

    public async ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        _arrived.Release();
        await _gate.WaitAsync(cancellationToken);
        await sink.SendAsync(message, cancellationToken);
    }

    public void Dispose()
    {
        _arrived.Dispose();
        _gate.Dispose();
    }
}
