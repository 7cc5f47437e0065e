namespace Optin.Forms.Jobs;

/// <summary>An email a job sent to its contact, as the evidence chain records it (DOI-10).</summary>
/// <param name="TemplateId">The template used.</param>
/// <param name="TemplateSha256">Lower-case hex SHA-256 of the template's sources (the version used).</param>
/// <param name="MessageId">The Message-ID, fixed when the job was created (invariant 4).</param>
/// <param name="Culture">The culture rendered.</param>
/// <param name="PurposeId">The purpose the email is about, when there is one.</param>
public sealed record SentEmail(string TemplateId, string TemplateSha256, string MessageId, string? Culture, string? PurposeId)
{
    /// <summary>The address it was sent to (EVD-1).</summary>
    public string? Address { get; init; }

    /// <summary>The email as sent, link secrets replaced by <see cref="Consent.ContentArchive.TokenPlaceholder"/>, for the content archive (EVD-1).</summary>
    public string? Content { get; init; }

    /// <summary>The template's sources as hashed into <see cref="TemplateSha256"/>, for the content archive (EVD-1).</summary>
    public string? TemplateSources { get; init; }

    /// <summary>Describes <paramref name="email"/>, sent to <paramref name="address"/>, with the link secrets in it masked.</summary>
    internal static SentEmail Of(Templates.RenderedEmail email, string messageId, string? purposeId, string address, params string?[] secrets) =>
        new(email.TemplateId, email.TemplateSha256, messageId, email.Culture, purposeId)
        {
            Address = address,
            Content = Consent.ContentArchive.Email(email.Subject, email.Html, email.Text, secrets),
            TemplateSources = email.TemplateSources,
        };
}
