namespace Optin.Forms.Submissions;

/// <summary>A problem with one posted field.</summary>
/// <param name="Field">The field name (for a consent checkbox, <c>consent.{purposeId}</c>).</param>
/// <param name="Code">A stable code from <see cref="SubmissionCodes"/>.</param>
/// <param name="Message">An English description; hosts localise from <paramref name="Code"/>.</param>
public sealed record FieldError(string Field, string Code, string Message);
