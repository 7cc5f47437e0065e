using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Diagnostics;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.Submissions;

/// <summary>
/// Turns a raw form post into a stored contact with provable consent: validate fields, normalise the address,
/// capture consents, then store everything in one transaction with the events the rules react to.
/// </summary>
/// <remarks>No HTTP here and no mail: a host calls it from an endpoint; mail leaves later, from jobs.</remarks>
public sealed partial class SubmissionPipeline
{
    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptinEventListener[] _handlers;
    private readonly ILogger<SubmissionPipeline> _logger;
    private readonly IConsentBoxRenderer? _boxRenderer;

    // The box a form shows for a purpose in a culture is the same for every post of one compiled catalog: rendered once.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<FormDefinition,
        System.Collections.Concurrent.ConcurrentDictionary<(string Purpose, string Culture), string>> _boxes = [];

    /// <summary>Creates the pipeline.</summary>
    /// <param name="catalog">The forms and purposes.</param>
    /// <param name="store">The store.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="handlers">The listeners of the events raised.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="boxRenderer">Renders the consent box a form post archives (EVD-1); none archives no box.</param>
    public SubmissionPipeline(IFormCatalogProvider catalog, IOptinStore store, IClock clock,
        IEnumerable<IOptinEventListener> handlers, ILogger<SubmissionPipeline> logger, IConsentBoxRenderer? boxRenderer = null)
    {
        _boxRenderer = boxRenderer;
        ArgumentNullException.ThrowIfNull(handlers);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _handlers = [.. handlers];
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The host's instruments (set where the pipeline is registered); the static meter's otherwise.</summary>
    internal OptinMetrics Metrics { get; set; } = OptinMetrics.Shared;

    /// <summary>Validates and stores a submission.</summary>
    /// <param name="request">The raw post.</param>
    /// <param name="cancellationToken">Cancels the operation; nothing is stored when cancelled before commit.</param>
    /// <returns>Success with the ids, or the errors per field with nothing stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async ValueTask<SubmissionResult> SubmitAsync(SubmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The activity a job queued here stores the context of (JobRecord.TraceContext), so that the job's trace links to it.
        using var activity = OptinDiagnostics.ActivitySource.StartActivity("optin.forms.submission");
        var catalog = _catalog.Current;
        var form = catalog.FindForm(request.FormId ?? string.Empty);
        if (form is null)
        {
            OptinLog.SubmissionForUnknownForm(_logger);
            Metrics.SubmissionRefused(null, SubmissionCodes.UnknownForm);
            return SubmissionResult.UnknownForm();
        }

        activity?.SetTag(OptinMetrics.FormTag, form.Id);
        var posted = new PostedValues(request.Values);
        var (values, email, errors) = ValidateFields(form, posted);
        var consents = TickedConsents(form, posted);
        if (errors is not null)
        {
            OptinLog.SubmissionRejected(_logger, form.Id, errors.Count);
            Metrics.SubmissionRefused(form.Id, errors[0].Code);
            return SubmissionResult.Invalid(errors);
        }

        var now = Truncate(_clock.GetCurrentInstant());
        var culture = ResolveCulture(request.Context.Culture, catalog.DefaultCulture);
        var proof = new Proof(
            ProofCapture.SourceUrl(request.Context.SourceUrl),
            ProofCapture.IpAddress(request.Context.IpAddress, catalog.IpAddressCapture),
            ProofCapture.UserAgent(request.Context.UserAgent, catalog.UserAgentCapture));

        var attribution = SubmissionAttribution.Clean(request.Context.Attribution, catalog, form.Id);

        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var existing = await tx.Contacts.FindByEmailKeyAsync(email!.Key, cancellationToken);
        var contact = existing is null
            ? new Contact
            {
                Id = RecordIds.New(),
                Kind = form.ContactKind,
                Email = email.Address,
                EmailKey = email.Key,
                Fields = WithFields(ImmutableDictionary<string, string>.Empty, values, form.EmailField.Name),
                CreatedAt = now,
                UpdatedAt = now,
                LastActivityAt = now,
            }
            // ABU-5: anyone can post any address, so a post proves nothing about a known person. Its values stay with the
            // submission (and reach the contact when a confirmation issued for it succeeds); activity dates do not move.
            : existing;

        var submissionId = RecordIds.New();
        var method = request.Context.Method == ConsentMethod.Api ? ConsentMethod.Api : ConsentMethod.Form;
        var formSha256 = consents.IsEmpty ? null
            : await ContentArchive.AddAsync(tx, ContentKinds.FormDefinition, "application/json", FormCanonical.Of(form).Json, now, cancellationToken);
        var events = new ConsentEvent[consents.Length];
        for (var i = 0; i < consents.Length; i++)
        {
            var purpose = consents[i];
            var state = form.DoubleOptin && contact.GetState(purpose.Id) != OptinState.OptedIn
                ? OptinState.PendingConfirmation
                : OptinState.OptedIn;
            // An objection stays: a post proves nothing about who sent it (ABU-5), so only the confirmation lifts it (WD-6).
            // A marketing purpose always waits for one (the form catalog refuses it on a form without double opt-in).
            contact = contact.WithOptin(purpose.Id, state, now);

            // The entry is built once, with the hashes of what it archived (it is a large record: each `with` copied it whole).
            var text = purpose.GetText(culture, catalog.DefaultCulture);
            var (notice, box) = await ArchiveAsync(tx, text, method, now, catalog, form, purpose, culture, cancellationToken);
            events[i] = Given(purpose, text, state, contact.Id, submissionId, form, now, proof, method, email.Address, formSha256, notice, box);
        }

        var submission = new SubmissionRecord
        {
            Id = submissionId,
            FormId = form.Id,
            FormVersion = form.Version,
            ContactId = contact.Id,
            ReceivedAt = now,
            Culture = culture,
            Values = values,
            ConsentsGiven = ConsentIds(form, consents),
            SourceUrl = proof.SourceUrl,
            IpAddress = proof.IpAddress,
            UserAgent = proof.UserAgent,
            Attribution = attribution,
        };

        if (!ReferenceEquals(contact, existing))
        {
            await tx.Contacts.SaveAsync(contact, cancellationToken);
        }

        await tx.Ledger.AppendAsync(events, cancellationToken);
        await tx.Submissions.AddAsync(submission, cancellationToken);
        var submitted = new FormSubmitted(contact.Id, now, form.Id, submissionId, culture, submission.ConsentsGiven, existing is null)
        {
            Values = values,
            LandingPage = attribution?.LandingPage ?? SubmissionFacts.LandingPageOf(catalog, form.Id, proof.SourceUrl),
            Attribution = attribution,
        };
        await Statistics.VariantCounts.CountAsync(tx, catalog, attribution, Statistics.VariantCounts.Submissions, now, cancellationToken);
        await OptinEventListeners.RaiseAsync(_handlers, submitted, tx, cancellationToken);

        await tx.CommitAsync(cancellationToken);
        OptinLog.SubmissionAccepted(_logger, form.Id, submissionId, consents.Length);
        Metrics.SubmissionAccepted(form.Id);
        return SubmissionResult.Success(submissionId, contact.Id, submission.ConsentsGiven);
    }

    /// <summary>The form's consents ticked in the post (CONS-3), in the form's order; the form's own array when all are.</summary>
    private static ImmutableArray<PurposeDefinition> TickedConsents(FormDefinition form, PostedValues posted)
    {
        var all = form.Consents;
        PurposeDefinition[]? some = null;
        var count = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (posted.IsExplicitTrue(all[i].FieldName))
            {
                if (some is not null)
                {
                    some[count] = all[i];
                }

                count++;
            }
            else if (some is null)
            {
                // The first unticked box: the ticked ones so far, then the rest as they come.
                some = new PurposeDefinition[all.Length - 1];
                all.CopyTo(0, some, 0, count);
            }
        }

        return some is null ? all : ImmutableArray.Create(some, 0, count);
    }

    /// <summary>The ids of <paramref name="consents"/>; one shared array per form when they are all the form's consents.</summary>
    private ImmutableArray<string> ConsentIds(FormDefinition form, ImmutableArray<PurposeDefinition> consents)
    {
        if (consents == form.Consents)
        {
            return _allConsentIds.GetValue(form, static f => new(ImmutableArray.CreateRange(f.Consents, static p => p.Id))).Value;
        }

        var ids = new string[consents.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = consents[i].Id;
        }

        return ImmutableArray.Create(ids);
    }

    // The consents given by a post that ticks every box of its form (the usual case): one array per compiled form.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<FormDefinition,
        System.Runtime.CompilerServices.StrongBox<ImmutableArray<string>>> _allConsentIds = [];

    private static (ImmutableDictionary<string, string> Values, NormalizedEmail? Email, List<FieldError>? Errors) ValidateFields(
        FormDefinition form, PostedValues posted)
    {
        List<FieldError>? errors = null;
        // The default comparer (ordinal for strings), the same as a contact's fields: a new contact's fields can then
        // share this dictionary's nodes.
        var values = ImmutableDictionary.CreateBuilder<string, string>();
        NormalizedEmail? email = null;
        var hidden = FieldConditions.Hidden(form, posted);
        foreach (var field in form.Fields)
        {
            if (hidden is not null && hidden.Contains(field.Name))
            {
                // Not shown: not validated, not required, and what was posted under its name is dropped.
                continue;
            }

            var (value, error) = FieldValidator.Validate(field, posted.Get(field.Name));
            if (error is null && value is not null && field.Kind == FieldKind.Email)
            {
                if (EmailAddressNormalizer.TryNormalize(value, out email, out var code))
                {
                    value = email.Address;
                }
                else
                {
                    error = new FieldError(field.Name, code, code == SubmissionCodes.EmailTooLong
                        ? "The email address is too long." : "Not a valid email address.");
                }
            }

            if (error is not null)
            {
                (errors ??= []).Add(error);
            }
            else if (value is not null)
            {
                values[field.Name] = value;
            }
        }

        if (email is null && errors is null)
        {
            // The email field is optional in this form's configuration, but a contact needs an address.
            errors = [new FieldError(form.EmailField.Name, SubmissionCodes.Required, "This field is required.")];
        }

        return (values.ToImmutable(), email, errors);
    }

    /// <summary>The contact's fields with the posted values (all but the address) set over them.</summary>
    internal static ImmutableDictionary<string, string> WithFields(ImmutableDictionary<string, string> fields,
        ImmutableDictionary<string, string> values, string emailField)
    {
        if (fields.IsEmpty && fields.KeyComparer == values.KeyComparer && fields.ValueComparer == values.ValueComparer)
        {
            return values.Remove(emailField);
        }

        var builder = fields.ToBuilder();
        foreach (var (name, value) in values)
        {
            if (name != emailField)
            {
                builder[name] = value;
            }
        }

        return builder.ToImmutable();
    }

    private static ConsentEvent Given(PurposeDefinition purpose, PurposeText text, OptinState state, Guid contactId, Guid submissionId,
        FormDefinition form, Instant now, Proof proof, ConsentMethod method, string address, string? formSha256, string? noticeSha256,
        string? boxSha256)
    {
        return new ConsentEvent
        {
            Id = RecordIds.New(),
            ContactId = contactId,
            Kind = ConsentEventKind.Given,
            State = state,
            Method = method,
            Address = address,
            FormSha256 = formSha256,
            PrivacyNoticeSha256 = noticeSha256,
            ConsentBoxSha256 = boxSha256,
            OccurredAt = now,
            PurposeId = purpose.Id,
            PurposeVersion = text.Version,
            FormId = form.Id,
            FormVersion = form.Version,
            SubmissionId = submissionId,
            ConsentText = text.Consent,
            ConsentTextSha256 = text.ConsentSha256,
            PurposeText = text.Purpose,
            PurposeTextSha256 = text.PurposeSha256,
            PrivacyNotice = purpose.PrivacyNotice,
            Controller = purpose.Controller,
            Culture = text.Culture,
            SourceUrl = proof.SourceUrl,
            IpAddress = proof.IpAddress,
            UserAgent = proof.UserAgent,
        };
    }

    /// <summary>
    /// Archives the texts, notice and, for a post of a form the library rendered, the box as shown (EVD-1); a post by a
    /// program (<see cref="ConsentMethod.Api"/>) archives no box, since none was shown. Returns the hashes of the notice
    /// and the box, which the ledger entry records.
    /// </summary>
    private async ValueTask<(string? Notice, string? Box)> ArchiveAsync(IOptinTransaction tx, PurposeText text, ConsentMethod method,
        Instant at, FormCatalog catalog, FormDefinition form, PurposeDefinition purpose, string culture, CancellationToken cancellationToken)
    {
        await ContentArchive.AddAsync(tx, ContentKinds.ConsentText, "text/plain", text.Consent, at, cancellationToken);
        await ContentArchive.AddAsync(tx, ContentKinds.PurposeText, "text/plain", text.Purpose, at, cancellationToken);
        var notice = await ContentArchive.AddAsync(tx, ContentKinds.PrivacyNotice, "text/plain", purpose.PrivacyNotice, at, cancellationToken);
        var box = method == ConsentMethod.Form && _boxRenderer is not null
            ? await ContentArchive.AddAsync(tx, ContentKinds.ConsentBox, "text/html",
                _boxes.GetValue(form, static _ => new()).GetOrAdd((purpose.Id, culture),
                    static (key, state) => state.Renderer.Render(state.Catalog, state.Form, state.Purpose, key.Culture),
                    (Renderer: _boxRenderer, Catalog: catalog, Form: form, Purpose: purpose)),
                at, cancellationToken)
            : null;
        return (notice, box);
    }

    internal static string ResolveCulture(string? requested, string defaultCulture)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Length > 20)
        {
            return defaultCulture;
        }

        if (!KnownCultures.TryGetValue(requested, out var known))
        {
            known = ConfigurationReader.IsCultureName(requested);
            if (KnownCultures.Count < MaxKnownCultures)
            {
                // Bounded: a visitor can send any string, and this cache must not grow with them.
                KnownCultures.TryAdd(requested, known);
            }
        }

        return known ? requested : defaultCulture;
    }

    private const int MaxKnownCultures = 512;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> KnownCultures = new(StringComparer.Ordinal);

    internal static Instant Truncate(Instant instant) => Instant.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    private readonly record struct Proof(string? SourceUrl, string? IpAddress, string? UserAgent);
}
