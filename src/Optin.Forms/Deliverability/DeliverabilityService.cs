using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Deliverability;

/// <summary>
/// Marks addresses undeliverable after a permanent SMTP refusal, and reads the daily counts of bounces and complaints.
/// The mark is a suppression entry (reason <c>undeliverable</c>), a keyed hash only: see <see cref="SuppressionList"/>.
/// </summary>
/// <remarks>
/// An undeliverable address gets no mail at all but the confirmation email of a new double opt-in the person asks for
/// on a form: without it nobody could come back. Confirming lifts the mark.
/// </remarks>
public sealed class DeliverabilityService
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptions<OptinFormsOptions> _options;
    private readonly ILogger<DeliverabilityService> _logger;

    /// <summary>Creates the service.</summary>
    public DeliverabilityService(IOptinStore store, IClock clock, IOptions<OptinFormsOptions> options, ILogger<DeliverabilityService> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Marks <paramref name="email"/> undeliverable after the SMTP server refused it permanently. An address the store does
    /// not know (no contact holds it, the suppression list does not have it) and an address already marked change nothing.
    /// </summary>
    /// <param name="email">The refused address (personal data: never logged).</param>
    /// <param name="statusCode">The SMTP status code, for the log.</param>
    /// <param name="messageId">The Message-ID of the refused message, for the log.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the address was marked now.</returns>
    public async ValueTask<bool> MarkUndeliverableAsync(string email, int statusCode, string? messageId, CancellationToken cancellationToken)
    {
        if (!EmailAddressNormalizer.TryNormalize(email, out var normalized, out _))
        {
            return false;
        }

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var hash = await AddressHasher.HashAsync(tx, _options.Value, normalized.Key, cancellationToken);
        if (!await DeliverabilityMarks.IsKnownAsync(tx, normalized.Key, hash, cancellationToken)
            || !await DeliverabilityMarks.SuppressAsync(tx, hash, SuppressionReasons.Undeliverable, now, cancellationToken))
        {
            return false;
        }

        await DeliverabilityMarks.CountAsync(tx, DeliverabilityMarks.Permanent, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        DeliverabilityLog.MarkedUndeliverable(_logger, statusCode, messageId);
        return true;
    }

    /// <summary>What the reports and refusals of one UTC day amounted to.</summary>
    /// <param name="day">The day, in UTC.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask<DeliverabilityCounts> CountAsync(LocalDate day, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        return new DeliverabilityCounts(day,
            await tx.Counters.GetAsync(DeliverabilityMarks.CounterKey(DeliverabilityMarks.Permanent, day), now, cancellationToken),
            await tx.Counters.GetAsync(DeliverabilityMarks.CounterKey(DeliverabilityMarks.Transient, day), now, cancellationToken),
            await tx.Counters.GetAsync(DeliverabilityMarks.CounterKey(DeliverabilityMarks.Complaints, day), now, cancellationToken));
    }

    /// <summary>Whether a suppression entry is an undeliverable mark.</summary>
    /// <param name="entry">The entry.</param>
    public static bool IsUndeliverable(SuppressionEntry entry) =>
        string.Equals(entry?.Reason, SuppressionReasons.Undeliverable, StringComparison.Ordinal);

    /// <summary>Whether a suppression entry was left by a complaint.</summary>
    /// <param name="entry">The entry.</param>
    public static bool IsComplaint(SuppressionEntry entry) =>
        string.Equals(entry?.Reason, SuppressionReasons.Complaint, StringComparison.Ordinal);
}
