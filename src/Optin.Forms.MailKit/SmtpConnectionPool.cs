using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using NodaTime;

namespace Optin.Forms.MailKit;

/// <summary>
/// A small bounded pool of authenticated connections: at most <see cref="SmtpSenderOptions.PoolSize"/> in use, idle
/// ones reused (most recent first), dropped ones replaced before a message is given to them.
/// </summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable, IDisposable
{
    private readonly SmtpSenderOptions _options;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<Lease> _idle = new();
    private int _disposed;

    public SmtpConnectionPool(SmtpSenderOptions options, IClock clock)
    {
        _options = options;
        _clock = clock;
        _slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
    }

    /// <summary>Takes a connected client; <see cref="Return"/> must follow, whatever happens.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (_idle.TryPop(out var lease))
            {
                bool alive;
                try
                {
                    alive = await IsAliveAsync(lease, cancellationToken);
                }
                catch
                {
                    lease.Client.Dispose();
                    throw;
                }

                if (alive)
                {
                    return lease;
                }

                lease.Client.Dispose();
            }

            return new Lease(await SmtpConnector.ConnectAsync(_options, cancellationToken));
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives the client back: kept for the next message when <paramref name="reusable"/>, else closed.</summary>
    public void Return(Lease lease, bool reusable)
    {
        if (reusable && lease.Client.IsConnected && _disposed == 0)
        {
            lease.LastUsed = _clock.GetCurrentInstant();
            _idle.Push(lease);
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Disposed meanwhile: the drain may have run before the push.
                Dispose();
            }
        }
        else
        {
            lease.Client.Dispose();
        }

        _slots.Release();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryPop(out var lease))
        {
            lease.Client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryPop(out var lease))
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await lease.Client.DisconnectAsync(quit: true, quit.Token);
            }
#pragma warning disable CA1031 // Saying QUIT politely is best effort: the socket is closed either way.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            lease.Client.Dispose();
        }
    }

    private async ValueTask<bool> IsAliveAsync(Lease lease, CancellationToken cancellationToken)
    {
        if (!lease.Client.IsConnected)
        {
            return false;
        }

        if (_clock.GetCurrentInstant() - lease.LastUsed < Duration.FromTimeSpan(_options.IdleCheckAfter))
        {
            return true;
        }

        try
        {
            await lease.Client.NoOpAsync(cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The server dropped the idle connection (421, reset, timeout): nothing was sent on it, reconnect.
            return false;
        }
    }

    /// <summary>One client on loan from the pool.</summary>
    internal sealed class Lease(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;

        public Instant LastUsed { get; set; }
    }
}
