namespace Optin.Forms.Consent;

/// <summary>What a <see cref="ProcessingActivity"/> of the record of processing stands for.</summary>
public enum ProcessingActivityKind
{
    /// <summary>A consent purpose (<c>OptinForms:Purposes:{id}</c>), on consent, GDPR Art. 6(1)(a).</summary>
    ConsentPurpose,

    /// <summary>The declared processing of a form's own data (<c>OptinForms:Forms:{id}:Processing</c>).</summary>
    FormProcessing,
}
