using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rights;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>
/// The changes an operator makes on one contact. Each goes through the service the admin API calls
/// (<see cref="ContactOptinService"/>, <see cref="PersonalDataService"/>, <see cref="DoubleOptinRequestService"/>,
/// <see cref="ContactKindService"/>) with the signed-in user as actor and the reason typed, then answers 303 to the
/// contact's page with a status message (PRG); a refusal re-renders the page with the reason of the refusal.
/// </summary>
internal static class ContactActions
{
    private const string DoneKey = "done";

    private static readonly Dictionary<string, DashboardText> Done = new(StringComparer.Ordinal)
    {
        ["optin"] = new("The opt-in was changed and recorded in the ledger.", "L'opt-in a été modifié et enregistré dans le registre."),
        ["double-optin"] = new("The double opt-in request was queued: the confirmation email leaves shortly.",
            "La demande de double opt-in est en file : l'e-mail de confirmation part sous peu."),
        ["double-optin-none"] = new("No request was queued: the person is already opted in, withdrew, objected, or processing is restricted.",
            "Aucune demande n'a été mise en file : la personne a déjà donné son opt-in, l'a retiré, s'est opposée, ou le traitement est limité."),
        ["kind"] = new("The kind was changed and recorded in the ledger.", "Le type a été modifié et enregistré dans le registre."),
        ["rectified"] = new("The address was rectified; the new address goes through double opt-in.",
            "L'adresse a été rectifiée ; la nouvelle adresse passe par le double opt-in."),
        ["restricted"] = new("Processing is restricted.", "Le traitement est limité."),
        ["unrestricted"] = new("The restriction was lifted.", "La limitation a été levée."),
        ["erased"] = new("The contact was erased; a tombstone without personal data records it.",
            "Le contact a été effacé ; une trace sans donnée personnelle le consigne."),
    };

    private static readonly DashboardText EraseConfirmTitle = new("Erase this contact?", "Effacer ce contact ?");
    private static readonly DashboardText EraseSummary = new(
        "This erases for good the contact {0}: its {1} fields, its {2} opt-ins, its {3} ledger entries, its {4} submissions, its tokens, its pending jobs and the emails archived for it. A tombstone keeps only the ground ({5}), the reference, your name and the date; a keyed hash of the address stays on the suppression list.",
        "Ceci efface définitivement le contact {0} : ses {1} champs, ses {2} opt-ins, ses {3} entrées du registre, ses {4} saisies, ses jetons, ses tâches en attente et les e-mails archivés pour lui. Une trace ne garde que le motif ({5}), la référence, votre nom et la date ; une empreinte de l'adresse reste sur la liste d'exclusion.");
    private static readonly DashboardText InvalidErasureReason = new("Choose the ground of the erasure.", "Choisissez le motif de l'effacement.");
    private static readonly DashboardText InvalidReference = new("The reference is at most 64 letters, digits and - _ . / : # (no name, no space).",
        "La référence compte au plus 64 lettres, chiffres et - _ . / : # (pas de nom, pas d'espace).");
    private static readonly DashboardText InvalidChoice = new("Choose a value from the list.", "Choisissez une valeur dans la liste.");
    private static readonly DashboardText LegalBasisRequired = new("A legal basis is required.", "Une base légale est obligatoire.");
    private static readonly DashboardText AddressRequired = new("The new address is required.", "La nouvelle adresse est obligatoire.");

    /// <summary>The status message the redirect of a successful action asked for (<c>?done=…</c>), or null.</summary>
    public static string? DoneMessage(DashboardRequest request) =>
        Done.TryGetValue(request.Context.Request.Query[DoneKey].ToString(), out var text) ? text.In(request) : null;

    public static Task SetOptinAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: true, async (request, form, actor, reason) =>
    {
        if (!Enum.TryParse<OptinState>(form["state"], out var state) || state is OptinState.PendingConfirmation || !Enum.IsDefined(state))
        {
            return Invalid(InvalidChoice);
        }

        if (string.IsNullOrWhiteSpace(form["legalBasis"]))
        {
            return Invalid(LegalBasisRequired);
        }

        var change = new ManualOptinChange(id, form["purpose"].ToString(), state, actor, reason!, form["legalBasis"].ToString().Trim());
        return Outcome(await Service<ContactOptinService>(request).SetOptinAsync(change, request.Aborted), id, "optin");
    });

    public static Task RequestDoubleOptinAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: true, async (request, form, actor, reason) =>
    {
        var result = await Service<DoubleOptinRequestService>(request).RequestAsync(id, form["purpose"].ToString(), null, actor, reason!, request.Aborted);
        return Outcome(result, id, result.Count == 0 ? "double-optin-none" : "double-optin");
    });

    public static Task ChangeKindAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: true, async (request, form, actor, reason) =>
        !Enum.TryParse<ContactKind>(form["kind"], out var kind) || !Enum.IsDefined(kind)
            ? Invalid(InvalidChoice)
            : Outcome(await Service<ContactKindService>(request).ChangeKindAsync(id, kind, actor, reason!, request.Aborted), id, "kind"));

    public static Task RectifyAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: true, async (request, form, actor, reason) =>
        string.IsNullOrWhiteSpace(form["email"])
            ? Invalid(AddressRequired)
            : Outcome(await Service<PersonalDataService>(request).RectifyEmailAsync(id, form["email"].ToString(), actor, reason!, request.Aborted), id, "rectified"));

    public static Task RestrictAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: true, async (request, form, actor, reason) =>
        !bool.TryParse(form["restricted"], out var restricted)
            ? Invalid(InvalidChoice)
            : Outcome(await Service<PersonalDataService>(request).SetRestrictionAsync(id, restricted, actor, reason!, request.Aborted),
                id, restricted ? "restricted" : "unrestricted"));

    /// <summary>
    /// Erasure, in two steps: the first post shows what will be erased and changes nothing; the confirmed post erases
    /// (DSR-2) with the ground as a code and the reference, never free text, as the admin API does (DSR-5).
    /// </summary>
    public static Task EraseAsync(HttpContext context, Guid id) => RunAsync(context, id, needsReason: false, async (request, form, actor, _) =>
    {
        if (!ErasureReasons.TryParse(form["reason"], out var reason))
        {
            return Invalid(InvalidErasureReason);
        }

        var reference = string.IsNullOrWhiteSpace(form["reference"]) ? null : form["reference"].ToString().Trim();
        if (!ErasureReasons.IsValidReference(reference))
        {
            return Invalid(InvalidReference);
        }

        var rights = Service<PersonalDataService>(request);
        if (form[DashboardForms.ConfirmedField] != "true")
        {
            await ConfirmErasureAsync(request, id, reason, reference);
            return null;
        }

        return await rights.EraseAsync(id, actor, reason, reference, request.Aborted) is null
            ? OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.")
            : new Go("/contacts?" + DoneKey + "=erased");
    });

    private static async Task ConfirmErasureAsync(DashboardRequest request, Guid id, ErasureReason reason, string? reference)
    {
        var store = Service<IOptinStore>(request);
        if (await store.Contacts.FindAsync(id, request.Aborted) is not { } contact)
        {
            await ContactDetails.NotFoundAsync(request, id);
            return;
        }

        var ledger = 0;
        await foreach (var _ in store.Ledger.ReadAsync(id, request.Aborted))
        {
            ledger++;
        }

        var submissions = 0;
        await foreach (var _ in store.Submissions.ListByContactAsync(id, request.Aborted))
        {
            submissions++;
        }

        var summary = "<p>" + Html.Encode(string.Format(CultureInfo.InvariantCulture, EraseSummary.In(request), contact.Email, contact.Fields.Count,
            contact.Optins.Count, ledger, submissions, ContactTexts.Of(reason, request) + (reference is null ? "" : ", " + reference))) + "</p>";
        var fields = new List<KeyValuePair<string, string>> { new("reason", ErasureReasons.Code(reason)) };
        if (reference is not null)
        {
            fields.Add(new("reference", reference));
        }

        var html = DashboardForms.ConfirmationStep(request, "/contacts/" + id + "/erase", summary, fields, "/contacts/" + id);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Contacts, EraseConfirmTitle.In(request), html);
    }

    /// <summary>Reads the form, checks the actor and the reason, runs the action and answers: a redirect, a refusal, or the page the action wrote.</summary>
    private static async Task RunAsync(HttpContext context, Guid id, bool needsReason,
        Func<DashboardRequest, IFormCollection, string, string?, Task<object?>> action)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        if (request.Actor is not { } actor)
        {
            await RefuseAsync(request, id, ContactTexts.NoActor.In(request), StatusCodes.Status403Forbidden);
            return;
        }

        var reason = string.IsNullOrWhiteSpace(form["reason"]) ? null : form["reason"].ToString().Trim();
        if (needsReason && reason is null)
        {
            await RefuseAsync(request, id, ContactTexts.ReasonRequired.In(request), StatusCodes.Status400BadRequest);
            return;
        }

        switch (await action(request, form, actor, reason))
        {
            case Go go:
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = request.Url(go.Path);
                break;
            case DashboardText invalid:
                await RefuseAsync(request, id, invalid.In(request), StatusCodes.Status400BadRequest);
                break;
            case OptinOperationResult { Code: SubmissionCodes.ContactNotFound }:
                await ContactDetails.NotFoundAsync(request, id);
                break;
            case OptinOperationResult refused:
                await RefuseAsync(request, id, ContactTexts.Refusal(refused, request),
                    refused.Code is SubmissionCodes.InvalidEmail or SubmissionCodes.EmailTooLong or SubmissionCodes.UnknownPurpose
                        ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
                break;
        }
    }

    private static Task RefuseAsync(DashboardRequest request, Guid id, string message, int status) =>
        ContactDetails.RenderAsync(request, id, DashboardForms.Message(message, error: true), status);

    private static object Outcome(OptinOperationResult result, Guid id, string done) =>
        result.Succeeded ? new Go("/contacts/" + id + "?" + DoneKey + "=" + done) : result;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Typed object so that both arms of an action's conditional share a type.")]
    private static object Invalid(DashboardText text) => text;

    /// <summary>A successful action's redirect (PRG) to a dashboard path.</summary>
    private sealed record Go(string Path);

    private static T Service<T>(DashboardRequest request) where T : notnull => request.Context.RequestServices.GetRequiredService<T>();
}
