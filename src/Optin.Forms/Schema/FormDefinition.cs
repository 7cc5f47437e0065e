using System.Collections.Immutable;
using Optin.Forms.Contacts;

namespace Optin.Forms.Schema;

/// <summary>A validated form: fields, consent checkboxes (one purpose each) and a version derived from its content.</summary>
public sealed class FormDefinition
{
    internal FormDefinition(string id, LocalizedText title, ImmutableArray<FieldDefinition> fields,
        ImmutableArray<PurposeDefinition> consents, string? successPage, bool doubleOptin, ContactKind contactKind, string version,
        ProcessingDefinition? processing = null)
    {
        Id = id;
        Title = title;
        Fields = fields;
        Consents = consents;
        SuccessPage = successPage;
        DoubleOptin = doubleOptin;
        ContactKind = contactKind;
        Version = version;
        Processing = processing;
        EmailField = fields.Single(f => f.Kind == FieldKind.Email);
    }

    /// <summary>The form id.</summary>
    public string Id { get; }

    /// <summary>The title per culture.</summary>
    public LocalizedText Title { get; }

    /// <summary>The fields in display order.</summary>
    public ImmutableArray<FieldDefinition> Fields { get; }

    /// <summary>The purposes of the consent checkboxes, in display order; each checkbox stands for exactly one.</summary>
    public ImmutableArray<PurposeDefinition> Consents { get; }

    /// <summary>Where a successful post leads.</summary>
    public string? SuccessPage { get; }

    /// <summary>Whether consents wait for a double opt-in confirmation.</summary>
    public bool DoubleOptin { get; }

    /// <summary>The kind of record a new address becomes.</summary>
    public ContactKind ContactKind { get; }

    /// <summary>The field that identifies the contact.</summary>
    public FieldDefinition EmailField { get; }

    /// <summary>
    /// A version derived from everything the visitor sees and the engine stores (fields, titles, purpose texts):
    /// it changes whenever the form changes, so that a consent event names the exact form it came from.
    /// </summary>
    public string Version { get; }

    /// <summary>
    /// The processing of the form's own data, apart from its consent purposes; <see langword="null"/> when the form only
    /// collects data for its consent purposes.
    /// </summary>
    public ProcessingDefinition? Processing { get; }

    /// <summary>Whether a post must carry a solved proof-of-work challenge (<c>Abuse:Challenge</c>).</summary>
    public bool Challenge { get; internal init; }

    /// <summary>The steps of a multi-step form, in order; empty for a one-page form.</summary>
    public ImmutableArray<FormStep> Steps { get; internal init; } = [];

    /// <summary>The field named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public FieldDefinition? FindField(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
