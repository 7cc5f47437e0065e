namespace Optin.Forms.DoubleOptin;

/// <summary>Double opt-in settings (<c>OptinForms:DoubleOptin</c>).</summary>
public sealed class DoubleOptinOptions
{
    /// <summary>How long a confirmation link works. Default 7 days.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How the confirmation page confirms. Default <see cref="ConfirmationMode.Button"/>.</summary>
    public ConfirmationMode ConfirmationMode { get; set; } = ConfirmationMode.Button;

    /// <summary>At most this many confirmation emails per pending record (DOI-7). Default 3.</summary>
    public int MaxSendsPerPending { get; set; } = 3;

    /// <summary>At most this many confirmation emails per address per day, across all forms (DOI-7). Default 5.</summary>
    public int MaxSendsPerAddressPerDay { get; set; } = 5;

    /// <summary>Unconfirmed records and their personal data are deleted after this (DOI-5). Default 14 days.</summary>
    public TimeSpan DeleteUnconfirmedAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Where a successful confirmation leads (a local path), when set.</summary>
    public string? ConfirmedPage { get; set; }

    /// <summary>After "this was not me", no mail goes to the address for this long (DOI-9). Default 90 days.</summary>
    public TimeSpan SuppressAfterRejection { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// After an erasure, marketing mail to the address is suppressed for this long, by a keyed hash of the address
    /// (RET-3); a new double opt-in lifts it. Default 1095 days.
    /// </summary>
    public TimeSpan SuppressAfterErasure { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>How long an unsubscribe link in an email works. Default 730 days.</summary>
    public TimeSpan UnsubscribeTokenLifetime { get; set; } = TimeSpan.FromDays(730);

    /// <summary>
    /// How long a preference page link in a marketing email works (<c>OptinForms:DoubleOptin:PreferencesTokenLifetime</c>).
    /// Default 365 days: each marketing email carries a fresh one, and the unsubscribe link stays the longer-lived way out.
    /// </summary>
    public TimeSpan PreferencesTokenLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// The key of the HMAC that turns addresses into suppression keys (and IP addresses into rate-limit keys), so the
    /// store holds no address. Optional: when absent, a 256-bit random key is generated once and kept in the store, shared
    /// by every host on the database (CFG-6). A configured key is a secret: keep it in user-secrets or an environment
    /// variable, never in <c>appsettings.json</c>.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// How many contacts a double opt-in request on a query (<see cref="DoubleOptinRequestService.RequestForQueryAsync(Contacts.ContactQuery, string, string?, CancellationToken)"/>)
    /// reads and queues per transaction. Default 500.
    /// </summary>
    public int QueryBatchSize { get; set; } = 500;

    /// <summary>
    /// How many confirmation emails a request on a query lets the job worker send per minute: the jobs get due times spread
    /// at this rate, so a large list neither floods the mail server nor harms the sender's reputation. Default 600.
    /// </summary>
    public int QueryRequestsPerMinute { get; set; } = 600;
}
