using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Consent;

/// <summary>One processing activity of a record of processing (GDPR Art. 30(1)): one configured purpose.</summary>
/// <param name="PurposeId">The purpose id.</param>
/// <param name="Purpose">The purpose of the processing, in the default culture, as shown to people.</param>
/// <param name="ConsentText">The consent text people agree to, in the default culture.</param>
/// <param name="LegalBasis">The legal basis: consent, GDPR Art. 6(1)(a).</param>
/// <param name="Marketing">Whether it is direct marketing.</param>
/// <param name="Controller">The controller.</param>
/// <param name="PrivacyNotice">The privacy notice.</param>
/// <param name="Retention">How long data is kept after the last active contact, or null when not configured.</param>
/// <param name="Forms">The forms that collect consent for it.</param>
/// <param name="DataCategories">The personal data collected by those forms (field names and kinds), plus the proof kept.</param>
public sealed record ProcessingActivity(string PurposeId, string Purpose, string ConsentText, string LegalBasis, bool Marketing,
    string? Controller, string? PrivacyNotice, Duration? Retention, ImmutableArray<string> Forms, ImmutableArray<string> DataCategories);
