namespace Optin.Forms.Rights;

/// <summary>
/// Why a person was erased: the code kept on the tombstone instead of free text, so that the tombstone, kept for good,
/// can hold no personal data (DSR-5). A reference to the request (a ticket number) may go with it: see
/// <see cref="ErasureReasons.IsValidReference"/>.
/// </summary>
/// <remarks>Stored on the tombstone as the stable code of <see cref="ErasureReasons.Code"/>, never as the number.</remarks>
public enum ErasureReason
{
    /// <summary>The person asked to be erased (GDPR Art. 17(1)); code <c>data-subject-request</c>.</summary>
    DataSubjectRequest,

    /// <summary>The person withdrew the consent the processing rested on (Art. 17(1)(b)); code <c>consent-withdrawn</c>.</summary>
    ConsentWithdrawn,

    /// <summary>The person objected to the processing (Art. 17(1)(c), 21); code <c>objection</c>.</summary>
    Objection,

    /// <summary>The retention period ran out (Art. 5(1)(e); the retention sweep); code <c>retention</c>.</summary>
    RetentionExpired,

    /// <summary>A double opt-in was never confirmed in time (the unconfirmed sweep); code <c>unconfirmed</c>.</summary>
    UnconfirmedExpired,

    /// <summary>The person answered "this was not me" to a confirmation email (DOI-9); code <c>not-me</c>.</summary>
    NotMe,

    /// <summary>Another ground (a legal obligation, a court order…), to be named by the reference; code <c>other</c>.</summary>
    Other,
}
