using System.Collections.Immutable;

namespace Optin.Forms.Submissions;

/// <summary>The outcome of a submission: accepted and stored, or refused with errors per field and nothing stored.</summary>
public sealed record SubmissionResult
{
    private SubmissionResult()
    {
    }

    /// <summary>Whether the submission was stored.</summary>
    public bool Succeeded { get; private init; }

    /// <summary>For a refusal that is not about a field (an unknown form), its code.</summary>
    public string? Code { get; private init; }

    /// <summary>The errors, by field; empty on success.</summary>
    public ImmutableArray<FieldError> Errors { get; private init; } = [];

    /// <summary>The stored submission's id.</summary>
    public Guid? SubmissionId { get; private init; }

    /// <summary>The contact it was attached to.</summary>
    public Guid? ContactId { get; private init; }

    /// <summary>The purposes consented to.</summary>
    public ImmutableArray<string> ConsentsGiven { get; private init; } = [];

    /// <summary>An accepted submission.</summary>
    public static SubmissionResult Success(Guid submissionId, Guid contactId, ImmutableArray<string> consentsGiven) =>
        new() { Succeeded = true, SubmissionId = submissionId, ContactId = contactId, ConsentsGiven = consentsGiven };

    /// <summary>A submission refused for its fields.</summary>
    public static SubmissionResult Invalid(IEnumerable<FieldError> errors) =>
        new() { Errors = [.. errors], Code = null };

    /// <summary>A submission to a form that does not exist.</summary>
    public static SubmissionResult UnknownForm() => new() { Code = SubmissionCodes.UnknownForm };

    /// <summary>The errors of <paramref name="field"/>.</summary>
    public IEnumerable<FieldError> ErrorsFor(string field) => Errors.Where(e => e.Field == field);
}
