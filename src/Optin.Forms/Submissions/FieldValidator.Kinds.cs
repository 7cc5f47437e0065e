using System.Globalization;
using NodaTime.Text;
using Optin.Forms.Schema;
using PhoneNumbers;

namespace Optin.Forms.Submissions;

/// <summary>The checks of the kinds with options, bounds or a numbering plan.</summary>
internal static partial class FieldValidator
{
    /// <summary>
    /// A checkbox group or multi-select: every posted value among the declared options, none twice, at most
    /// <see cref="FieldDefinition.MaxChoices"/>; stored one per line, in the order the options are declared.
    /// </summary>
    private static (string? Value, FieldError? Error) ValidateMany(FieldDefinition field, IReadOnlyList<string?> values)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var posted in values)
        {
            var value = posted?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!IsChoice(field, value))
            {
                return (null, new(field.Name, SubmissionCodes.InvalidChoice, "Not one of the choices."));
            }

            if (!chosen.Add(value))
            {
                return (null, new(field.Name, SubmissionCodes.DuplicateChoice, "The same choice was sent more than once."));
            }
        }

        if (chosen.Count == 0)
        {
            return field.Required ? (null, new(field.Name, SubmissionCodes.Required, "This field is required.")) : (null, null);
        }

        if (chosen.Count > field.MaxChoices)
        {
            return (null, new(field.Name, SubmissionCodes.TooManyChoices, $"At most {field.MaxChoices} choices."));
        }

        return (string.Join(FieldDefinition.ValueSeparator, field.Choices.Select(c => c.Value).Where(chosen.Contains)), null);
    }

    private static bool IsChoice(FieldDefinition field, string value) =>
        field.Choices.Any(c => string.Equals(c.Value, value, StringComparison.Ordinal));

    private static FieldError? Number(FieldDefinition field, string value)
    {
        if (!decimal.TryParse(value, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
        {
            return new FieldError(field.Name, SubmissionCodes.InvalidNumber, "Not a number.");
        }

        return number < field.NumberMin || number > field.NumberMax ? OutOfRange(field) : null;
    }

    private static FieldError? Date(FieldDefinition field, string value)
    {
        var parsed = LocalDatePattern.Iso.Parse(value);
        if (!parsed.Success)
        {
            return new FieldError(field.Name, SubmissionCodes.InvalidDate, "Not a date (yyyy-MM-dd).");
        }

        return parsed.Value < field.DateMin || parsed.Value > field.DateMax ? OutOfRange(field) : null;
    }

    private static FieldError OutOfRange(FieldDefinition field) => new(field.Name, SubmissionCodes.OutOfRange, (field.Min, field.Max) switch
    {
        ({ } min, { } max) => $"Between {min} and {max}.",
        ({ } min, null) => $"At least {min}.",
        _ => $"At most {field.Max}.",
    });

    /// <summary>
    /// A number the numbering plan knows, read in the field's region when it has no <c>+</c>; <paramref name="e164"/> is
    /// what is stored (<c>+33612345678</c>), whatever spacing the visitor typed.
    /// </summary>
    private static FieldError? Phone(FieldDefinition field, string value, out string? e164)
    {
        e164 = null;
        if (!PhonePattern().IsMatch(value) || value.Count(char.IsAsciiDigit) < 3)
        {
            return new FieldError(field.Name, SubmissionCodes.InvalidPhone, "Not a telephone number.");
        }

        if (field.DefaultRegion is null && !value.StartsWith('+'))
        {
            return new FieldError(field.Name, SubmissionCodes.InvalidPhone,
                "Not an international telephone number: start with + and the country code.");
        }

        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            var number = phones.Parse(value, field.DefaultRegion);
            if (phones.IsValidNumber(number))
            {
                e164 = phones.Format(number, PhoneNumberFormat.E164);
                return null;
            }
        }
        catch (NumberParseException)
        {
        }

        return new FieldError(field.Name, SubmissionCodes.InvalidPhone, "Not a valid telephone number.");
    }
}
