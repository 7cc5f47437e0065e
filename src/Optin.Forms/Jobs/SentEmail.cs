namespace Optin.Forms.Jobs;

/// <summary>An email a job sent to its contact, as the evidence chain records it (DOI-10).</summary>
/// <param name="TemplateId">The template used.</param>
/// <param name="TemplateSha256">Lower-case hex SHA-256 of the template's sources (the version used).</param>
/// <param name="MessageId">The Message-ID, fixed when the job was created (invariant 4).</param>
/// <param name="Culture">The culture rendered.</param>
/// <param name="PurposeId">The purpose the email is about, when there is one.</param>
public sealed record SentEmail(string TemplateId, string TemplateSha256, string MessageId, string? Culture, string? PurposeId);
