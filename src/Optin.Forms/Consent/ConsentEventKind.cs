namespace Optin.Forms.Consent;

/// <summary>What a consent event records.</summary>
public enum ConsentEventKind
{
    /// <summary>The person ticked the checkbox on a form.</summary>
    Given,

    /// <summary>The person confirmed through the double opt-in link.</summary>
    Confirmed,

    /// <summary>The person withdrew consent.</summary>
    Withdrawn,

    /// <summary>An operator set the state by hand, with a reason and a legal basis.</summary>
    SetManually,

    /// <summary>An operator set the state in bulk on the result of a query, with a reason and a legal basis.</summary>
    SetInBulk,

    /// <summary>A pending consent expired unconfirmed.</summary>
    Expired,

    /// <summary>The person objected to direct marketing.</summary>
    Objected,

    /// <summary>The person's data was erased; the tombstone keeps no personal data.</summary>
    Erased,

    /// <summary>
    /// A job's email was accepted by the mail sender (DOI-10): the entry carries the template id, the SHA-256 of the
    /// template source and the Message-ID; the state is the purpose's state when it was sent.
    /// </summary>
    EmailSent,

    /// <summary>An operator rectified the contact's email address (DSR-3); the new address goes through double opt-in.</summary>
    EmailChanged,

    /// <summary>An operator restricted processing for the person (GDPR Art. 18): no job, rule or email runs for them.</summary>
    ProcessingRestricted,

    /// <summary>An operator lifted the restriction of processing.</summary>
    RestrictionLifted,

    /// <summary>
    /// An operator changed the contact's kind (a lead becomes a contact, the conversion a CRM records): the entry carries
    /// who and why; its <see cref="ConsentEvent.Reason"/> starts with the previous and the new kind
    /// (<c>Lead → Contact: </c>) followed by the operator's reason as typed. It changes no opt-in.
    /// </summary>
    KindChanged,

    /// <summary>
    /// An operator asked for a double opt-in request (by hand or on a query): the confirmation email was queued in the same
    /// transaction. The entry carries who and why; its state is the purpose's state at that time (the request changes none).
    /// </summary>
    DoubleOptinRequested,
}
