using Optin.Forms.Contacts;
using Optin.Forms.Schema;

namespace Optin.Forms.DependencyInjection;

/// <summary>Declares a form in C#.</summary>
public sealed class FormBuilder
{
    private readonly FormOptions _form;

    internal FormBuilder(FormOptions form) => _form = form;

    /// <summary>Sets the title in <paramref name="culture"/>.</summary>
    public FormBuilder Title(string culture, string title)
    {
        _form.Title[culture] = title;
        return this;
    }

    /// <summary>Adds a field.</summary>
    public FormBuilder Field(string name, FieldKind kind, bool required = false, int? maxLength = null, Action<FieldOptions>? configure = null)
    {
        var field = new FieldOptions { Name = name, Kind = kind, Required = required, MaxLength = maxLength };
        configure?.Invoke(field);
        _form.Fields.Add(field);
        return this;
    }

    /// <summary>Adds the email field that identifies the contact (required by default).</summary>
    public FormBuilder Email(string name = "email", bool required = true, Action<FieldOptions>? configure = null) =>
        Field(name, FieldKind.Email, required, configure: configure);

    /// <summary>Adds a one-line text field.</summary>
    public FormBuilder Text(string name, bool required = false, int? maxLength = null, Action<FieldOptions>? configure = null) =>
        Field(name, FieldKind.Text, required, maxLength, configure);

    /// <summary>Adds a consent checkbox for <paramref name="purposeId"/>. It always renders unticked.</summary>
    public FormBuilder Consent(string purposeId)
    {
        _form.Consents.Add(new ConsentOptions { Purpose = purposeId });
        return this;
    }

    /// <summary>Sets where a successful post leads.</summary>
    public FormBuilder SuccessPage(string path)
    {
        _form.SuccessPage = path;
        return this;
    }

    /// <summary>Turns double opt-in on (the default) or off.</summary>
    public FormBuilder DoubleOptin(bool enabled = true)
    {
        _form.DoubleOptin = enabled;
        return this;
    }

    /// <summary>Sets the region (e.g. <c>FR</c>) the form's phone fields read a number typed without <c>+</c> in (<c>Forms:{id}:DefaultRegion</c>).</summary>
    public FormBuilder DefaultRegion(string region)
    {
        _form.DefaultRegion = region;
        return this;
    }

    /// <summary>Sets the kind of record a new address becomes.</summary>
    public FormBuilder ContactKind(ContactKind kind)
    {
        _form.ContactKind = kind;
        return this;
    }

    /// <summary>
    /// Declares the processing of the form's own data, apart from its consent purposes (<c>Forms:{id}:Processing</c>):
    /// purpose, legal basis, recipients, retention (PROC-1).
    /// </summary>
    public FormBuilder Processing(Action<ProcessingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _form.Processing ??= new ProcessingOptions();
        configure(_form.Processing);
        return this;
    }
}
