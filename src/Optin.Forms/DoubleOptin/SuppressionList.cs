using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// The suppression list by address: entries are kept as keyed hashes only (RET-3), so an address can be checked or added
/// but the list can never be read back as addresses.
/// </summary>
public sealed class SuppressionList
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptions<OptinFormsOptions> _options;

    /// <summary>Creates the service.</summary>
    public SuppressionList(IOptinStore store, IClock clock, IOptions<OptinFormsOptions> options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The entry for <paramref name="email"/>, or <see langword="null"/> when the address is not suppressed.</summary>
    /// <exception cref="ArgumentException"><paramref name="email"/> is not a valid address (SEC-5).</exception>
    public async ValueTask<SuppressionEntry?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var key = Key(email);
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var hash = await AddressHasher.HashAsync(tx, _options.Value, key, cancellationToken);
        return await tx.Suppression.FindAsync(hash, cancellationToken) is { } entry && entry.ExpiresAt > _clock.GetCurrentInstant()
            ? entry
            : null;
    }

    /// <summary>
    /// Suppresses mail to <paramref name="email"/> for <paramref name="duration"/> (100 years when <see langword="null"/>),
    /// replacing any entry for that address.
    /// </summary>
    /// <exception cref="ArgumentException">The address is invalid, the reason empty, or the duration not positive.</exception>
    public async ValueTask<SuppressionEntry> AddAsync(string email, string reason, Duration? duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (duration is { } d && d <= Duration.Zero)
        {
            throw new ArgumentException("The duration must be positive.", nameof(duration));
        }

        var key = Key(email);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var hash = await AddressHasher.HashAsync(tx, _options.Value, key, cancellationToken);
        var entry = new SuppressionEntry(hash, reason, now, now + (duration ?? Duration.FromDays(36525)));
        await tx.Suppression.SaveAsync(entry, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return entry;
    }

    private static string Key(string email) =>
        EmailAddressNormalizer.TryNormalize(email, out var normalized, out var code)
            ? normalized.Key
            : throw new ArgumentException($"Not a valid email address ({code}).", nameof(email));
}
