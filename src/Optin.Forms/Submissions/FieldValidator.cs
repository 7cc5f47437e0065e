using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime.Text;
using Optin.Forms.Schema;

namespace Optin.Forms.Submissions;

/// <summary>Validates the posted values of one field.</summary>
internal static partial class FieldValidator
{
    /// <summary>Validates <paramref name="values"/> (all values posted under the field's name).</summary>
    /// <returns>The accepted value (null when empty and optional), or an error.</returns>
    public static (string? Value, FieldError? Error) Validate(FieldDefinition field, IReadOnlyList<string?> values)
    {
        if (field.IsMultiValued)
        {
            return ValidateMany(field, values);
        }

        if (values.Count > 1)
        {
            return (null, new(field.Name, SubmissionCodes.Repeated, "The field was posted more than once."));
        }

        var value = values.Count == 1 ? values[0] : null;
        if (field.Kind is not FieldKind.TextArea)
        {
            value = value?.Trim();
        }

        if (string.IsNullOrEmpty(value) || (field.Kind == FieldKind.TextArea && string.IsNullOrWhiteSpace(value)))
        {
            return field.Required
                ? (null, new(field.Name, SubmissionCodes.Required, "This field is required."))
                : (null, null);
        }

        if (HasForbiddenCharacters(value, field.Kind == FieldKind.TextArea))
        {
            return (null, new(field.Name, SubmissionCodes.InvalidCharacters, "The value holds control or invisible characters."));
        }

        if (field.Kind != FieldKind.Email && value.Length > field.MaxLength)
        {
            return (null, new(field.Name, SubmissionCodes.TooLong, $"At most {field.MaxLength} characters."));
        }

        string? normalized = null;
        var kindError = field.Kind switch
        {
            FieldKind.Phone => Phone(field, value, out normalized),
            FieldKind.Number => Number(field, value),
            FieldKind.Date => Date(field, value),
            FieldKind.Select or FieldKind.Radio when !IsChoice(field, value) =>
                new FieldError(field.Name, SubmissionCodes.InvalidChoice, "Not one of the choices."),
            FieldKind.Checkbox when !string.Equals(value, "true", StringComparison.Ordinal) =>
                new FieldError(field.Name, SubmissionCodes.InvalidCheckbox, "A checkbox posts 'true' or nothing."),
            _ => null,
        };
        if (kindError is not null)
        {
            return (null, kindError);
        }

        if (field.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(value))
                {
                    return (null, new(field.Name, SubmissionCodes.PatternMismatch, "The value does not have the expected format."));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return (null, new(field.Name, SubmissionCodes.PatternMismatch, "The value does not have the expected format."));
            }
        }

        return (normalized ?? value, null);
    }

    /// <summary>C0/C1 controls (CR, LF, TAB allowed in multi-line text), format characters (zero-width, bidi), NUL always.</summary>
    internal static bool HasForbiddenCharacters(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (multiline && c is '\r' or '\n' or '\t')
            {
                continue;
            }

            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\+?[0-9 .\-()]{3,32}$")]
    internal static partial Regex PhonePattern();
}
