namespace Optin.Forms.Rules;

/// <summary>What an event carries that a condition can test, so that a condition that can never match fails at start.</summary>
/// <remarks>
/// A condition on data its event does not carry would be false every time, silently: a rule that never runs looks like
/// a working one. The rule compiler refuses it, naming the events the condition can be used on.
/// </remarks>
[Flags]
public enum EventData
{
    /// <summary>Nothing from the event: the condition reads the contact only (its fields, its opt-in states, its kind).</summary>
    None = 0,

    /// <summary>The form submitted.</summary>
    Form = 1,

    /// <summary>The landing page the form was submitted from.</summary>
    LandingPage = 2,

    /// <summary>The values posted with the submission.</summary>
    Fields = 4,

    /// <summary>The purpose the event is about (confirmed, withdrawn, expired, changed).</summary>
    Purpose = 8,

    /// <summary>The consents given with the submission.</summary>
    Consents = 16,

    /// <summary>The culture of the submission or of the confirmation email.</summary>
    Culture = 32,

    /// <summary>The A/B variant, UTM values and referrer host the submission came with.</summary>
    Attribution = 64,
}
