using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Testing;

/// <summary>
/// Test data for store tests: records with every field a store must keep set to a realistic value, and small helpers
/// that write them in one committed transaction.
/// </summary>
/// <remarks>Each factory returns a new record with a fresh id; change what a test needs with a <c>with</c> expression.</remarks>
public static class StoreTestData
{
    /// <summary>The instant the records are dated at: a fixed UTC instant with milliseconds, the precision stores must keep.</summary>
    public static Instant Now { get; } = Instant.FromUtc(2026, 11, 12, 9, 30, 15) + Duration.FromMilliseconds(123);

    /// <summary>A new contact (a lead, with no opt-in) whose address is also its comparison key.</summary>
    /// <param name="email">The address, used as <see cref="Contact.EmailKey"/> too.</param>
    /// <param name="createdAt">Its creation, update and last-activity instant; <see cref="Now"/> when null.</param>
    /// <param name="id">Its id; a new one when null.</param>
    public static Contact Contact(string email, Instant? createdAt = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Email = email,
        EmailKey = email,
        CreatedAt = createdAt ?? Now,
        UpdatedAt = createdAt ?? Now,
        LastActivityAt = createdAt ?? Now,
    };

    /// <summary>A consent event with every proof field set (texts with non-ASCII characters, hashes, form, source, actor…).</summary>
    /// <param name="contactId">The contact it is about.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="state">The opt-in state it leads to.</param>
    /// <param name="purposeId">The purpose.</param>
    /// <param name="occurredAt">When; <see cref="Now"/> when null.</param>
    public static ConsentEvent ConsentEvent(Guid contactId, ConsentEventKind kind = ConsentEventKind.Given,
        OptinState state = OptinState.PendingConfirmation, string purposeId = "newsletter", Instant? occurredAt = null) => new()
    {
        Id = Guid.NewGuid(),
        ContactId = contactId,
        Kind = kind,
        State = state,
        Method = ConsentMethod.Form,
        OccurredAt = occurredAt ?? Now,
        PurposeId = purposeId,
        PurposeVersion = "a1b2c3d4",
        FormId = "newsletter",
        FormVersion = "0f1e2d3c",
        SubmissionId = Guid.NewGuid(),
        ConsentText = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.",
        ConsentTextSha256 = new string('a', 64),
        PurposeText = "Les informations recueillies sont enregistrées par Atelier Dupont. « Désinscription » à tout moment.",
        PurposeTextSha256 = new string('b', 64),
        PrivacyNotice = "https://example.test/confidentialite",
        Controller = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
        Culture = "fr",
        SourceUrl = "https://example.test/salon?utm_source=flyer",
        IpAddress = "203.0.113.0",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        Actor = "marie.martin",
        Reason = "test",
        LegalBasis = "consent",
        TemplateId = "welcome",
        TemplateSha256 = new string('c', 64),
        MessageId = "<0f1e2d3c@example.test>",
    };

    /// <summary>An erasure tombstone: a ledger entry that holds no personal data (invariant 7).</summary>
    /// <param name="contactId">The erased contact.</param>
    /// <param name="at">When; <see cref="Now"/> when null.</param>
    public static ConsentEvent Tombstone(Guid contactId, Instant? at = null) => new()
    {
        Id = Guid.NewGuid(),
        ContactId = contactId,
        Kind = ConsentEventKind.Erased,
        State = OptinState.None,
        Method = ConsentMethod.System,
        OccurredAt = at ?? Now,
        PurposeId = string.Empty,
        Reason = "request",
    };

    /// <summary>A submission with every field set.</summary>
    /// <param name="contactId">The contact it created or updated.</param>
    /// <param name="receivedAt">When it was received; <see cref="Now"/> when null.</param>
    public static SubmissionRecord Submission(Guid contactId, Instant? receivedAt = null) => new()
    {
        Id = Guid.NewGuid(),
        FormId = "newsletter",
        FormVersion = "0f1e2d3c",
        ContactId = contactId,
        ReceivedAt = receivedAt ?? Now,
        Culture = "fr",
        Values = ImmutableDictionary<string, string>.Empty.Add("email", "jean@exemple.fr").Add("firstName", "Jéan"),
        ConsentsGiven = ["newsletter", "partners"],
        SourceUrl = "https://example.test/salon",
        IpAddress = "203.0.113.0",
        UserAgent = "Mozilla/5.0",
    };

    /// <summary>A pending job about a contact and the newsletter purpose.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="dueAt">When it is due; <see cref="Now"/> when null.</param>
    /// <param name="action">The action it runs.</param>
    public static JobRecord Job(Guid contactId, Instant? dueAt = null, string action = "SendDoubleOptinEmail") => new()
    {
        Id = Guid.NewGuid(),
        Action = action,
        ContactId = contactId,
        PurposeId = "newsletter",
        Payload = "{}",
        MessageId = "<m1@example.test>",
        CreatedAt = Now,
        DueAt = dueAt ?? Now,
    };

    /// <summary>An unused confirmation token for the newsletter purpose, valid seven days.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="hash">The token's hash (stores keep only hashes).</param>
    /// <param name="createdAt">When it was issued; <see cref="Now"/> when null.</param>
    public static TokenRecord Token(Guid contactId, string hash = "aa", Instant? createdAt = null) => new()
    {
        Hash = hash,
        Kind = TokenKind.Confirm,
        ContactId = contactId,
        PurposeId = "newsletter",
        CreatedAt = createdAt ?? Now,
        ExpiresAt = (createdAt ?? Now) + Duration.FromDays(7),
    };

    /// <summary>Saves contacts in one transaction and commits it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="contacts">The contacts.</param>
    public static async Task SaveAsync(IOptinStore store, params Contact[] contacts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(contacts);
        await using var tx = await store.BeginTransactionAsync(CancellationToken.None);
        foreach (var contact in contacts)
        {
            await tx.Contacts.SaveAsync(contact, CancellationToken.None);
        }

        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>Enqueues jobs in one transaction and commits it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="jobs">The jobs.</param>
    public static async Task EnqueueAsync(IOptinStore store, params JobRecord[] jobs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(jobs);
        await using var tx = await store.BeginTransactionAsync(CancellationToken.None);
        foreach (var job in jobs)
        {
            await tx.Jobs.EnqueueAsync(job, CancellationToken.None);
        }

        await tx.CommitAsync(CancellationToken.None);
    }
}
