using MimeKit;
using Optin.Forms.Mail;

namespace Optin.Forms.Tests.Support;

/// <summary>A sender that takes <see cref="Delay"/> per message and records how many were in its hands at once.</summary>
internal sealed class SlowMailSender(InMemoryMailSender sink) : IMailSender
{
    private int _inFlight;
    private int _maxInFlight;

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(150);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(Delay, cancellationToken);
            await sink.SendAsync(message, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
