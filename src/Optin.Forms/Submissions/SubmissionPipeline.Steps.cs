using Optin.Forms.Schema;

namespace Optin.Forms.Submissions;

/// <content>The check of one step of a multi-step form; nothing is stored before the last step.</content>
public sealed partial class SubmissionPipeline
{
    /// <summary>
    /// Validates the fields that <paramref name="step"/> of <paramref name="form"/> shows, with the same rules as a submission
    /// (the other fields' values, from earlier steps, are there so that a field's rules can read them). Stores nothing.
    /// </summary>
    /// <param name="form">The form.</param>
    /// <param name="step">One of the form's steps.</param>
    /// <param name="values">Every value posted so far, the step's own included.</param>
    /// <returns>The errors of the step's fields, in the form's field order; empty when the step is valid.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<FieldError> ValidateStep(FormDefinition form, FormStep step,
        IReadOnlyList<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(values);
        var (_, _, errors) = ValidateFields(form, new PostedValues(values));
        return errors is null ? [] : errors.Where(e => step.Holds(form, e.Field)).ToList();
    }
}
