using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>One contact's page: its fields, its opt-in per purpose, its documents, its ledger as a timeline, and the actions.</summary>
internal static class ContactDetails
{
    public static Task ShowAsync(HttpContext context, Guid id) =>
        RenderAsync(DashboardRequest.For(context), id, ContactActions.DoneMessage(DashboardRequest.For(context)) is { } done ? DashboardForms.Message(done) : null);

    /// <summary>Renders the page, with <paramref name="messageHtml"/> (a status or an error) above it.</summary>
    public static async Task RenderAsync(DashboardRequest request, Guid id, string? messageHtml, int status = StatusCodes.Status200OK)
    {
        var services = request.Context.RequestServices;
        var store = services.GetRequiredService<IOptinStore>();
        if (await store.Contacts.FindAsync(id, request.Aborted) is not { } contact)
        {
            await NotFoundAsync(request, id);
            return;
        }

        var catalog = services.GetRequiredService<IFormCatalogProvider>().Current;
        var html = new StringBuilder(32 * 1024);
        html.Append("<p><a href=\"").Append(Html.Encode(request.Url("/contacts"))).Append("\">").Append(Html.Encode(ContactTexts.BackToSearch.In(request)))
            .Append("</a></p>\n").Append(messageHtml);
        AppendSummary(html, request, contact);
        AppendOptins(html, request, contact, catalog);
        AppendDocuments(html, request, contact.Id);
        var ledger = new List<ConsentEvent>();
        await foreach (var entry in store.Ledger.ReadAsync(contact.Id, request.Aborted))
        {
            ledger.Add(entry);
        }

        ContactTimeline.Append(html, request, ledger);
        ContactActionForms.Append(html, request, contact, catalog);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Contacts, contact.Email, html.ToString(), status);
    }

    /// <summary>404, or the erasure's tombstone (which holds no personal data) when the contact was erased.</summary>
    public static async Task NotFoundAsync(DashboardRequest request, Guid id)
    {
        var tombstone = await request.Context.RequestServices.GetRequiredService<PersonalDataService>().FindTombstoneAsync(id, request.Aborted);
        var text = tombstone is null
            ? ContactTexts.NotFound.In(request)
            : string.Format(CultureInfo.InvariantCulture, ContactTexts.Erased.In(request), ContactFields.Time(tombstone.ErasedAt), "{1}");
        var html = new StringBuilder();
        if (ContactActions.DoneMessage(request) is { } done)
        {
            html.Append(DashboardForms.Message(done));
        }

        html.Append("<p>").Append(tombstone is null ? Html.Encode(text)
            : text.Replace("{1}", Html.Encode(ContactTexts.Of(tombstone.Reason, request) + (tombstone.Reference is null ? "" : ", " + tombstone.Reference)), StringComparison.Ordinal))
            .Append("</p>\n<p><a href=\"").Append(Html.Encode(request.Url("/contacts"))).Append("\">").Append(Html.Encode(ContactTexts.BackToSearch.In(request))).Append("</a></p>\n");
        await DashboardLayout.WritePageAsync(request, DashboardSection.Contacts, ContactTexts.Title.In(request), html.ToString(),
            tombstone is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone);
    }

    private static void AppendSummary(StringBuilder html, DashboardRequest request, Contact contact)
    {
        string YesNo(bool value) => Html.Encode((value ? ContactTexts.Yes : ContactTexts.No).In(request));
        html.Append("<dl class=\"dash-contact-summary\">")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Kind.In(request))).Append("</dt><dd>").Append(Html.Encode(ContactTexts.Of(contact.Kind, request))).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Created.In(request))).Append("</dt><dd>").Append(ContactFields.Time(contact.CreatedAt)).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Updated.In(request))).Append("</dt><dd>").Append(ContactFields.Time(contact.UpdatedAt)).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.LastActivity.In(request))).Append("</dt><dd>").Append(ContactFields.Time(contact.LastActivityAt)).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Restricted.In(request))).Append("</dt><dd>").Append(YesNo(contact.ProcessingRestricted)).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Objected.In(request))).Append("</dt><dd>").Append(YesNo(contact.ObjectedToMarketing)).Append("</dd></div>")
            .Append("<div><dt>").Append(Html.Encode(ContactTexts.Tags.In(request))).Append("</dt><dd>").Append(Html.Encode(string.Join(", ", contact.Tags))).Append("</dd></div>")
            .Append("</dl>\n<h2>").Append(Html.Encode(ContactTexts.Fields.In(request))).Append("</h2>\n");
        if (contact.Fields.IsEmpty)
        {
            html.Append("<p>").Append(Html.Encode(ContactTexts.NoFields.In(request))).Append("</p>\n");
            return;
        }

        html.Append("<div class=\"dash-table-wrap\"><table><thead><tr><th scope=\"col\">").Append(Html.Encode(ContactTexts.Name.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.Value.In(request))).Append("</th></tr></thead><tbody>");
        foreach (var (name, value) in contact.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(name)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void AppendOptins(StringBuilder html, DashboardRequest request, Contact contact, FormCatalog catalog)
    {
        html.Append("<h2>").Append(Html.Encode(ContactTexts.OptInPerPurpose.In(request))).Append("</h2>\n<div class=\"dash-table-wrap\"><table><thead><tr><th scope=\"col\">")
            .Append(Html.Encode(ContactTexts.Purpose.In(request))).Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.State.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.Since.In(request))).Append("</th></tr></thead><tbody>");
        var purposes = catalog.Purposes.Keys.Concat(contact.Optins.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        foreach (var purpose in purposes)
        {
            var optin = contact.Optins.GetValueOrDefault(purpose);
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(purpose)).Append("</th><td>")
                .Append(Html.Encode(ContactTexts.Of(optin?.State ?? OptinState.None, request))).Append("</td><td>")
                .Append(optin is null ? string.Empty : ContactFields.Time(optin.ChangedAt)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void AppendDocuments(StringBuilder html, DashboardRequest request, Guid id)
    {
        var root = "/contacts/" + id;
        html.Append("<h2>").Append(Html.Encode(ContactTexts.Documents.In(request))).Append("</h2>\n<p>")
            .Append(Html.Encode(ContactTexts.DocumentsNote.In(request))).Append("</p>\n<ul>")
            .Append("<li><a href=\"").Append(Html.Encode(request.Url(root + "/evidence/html"))).Append("\">").Append(Html.Encode(ContactTexts.EvidenceHtml.In(request))).Append("</a></li>")
            .Append("<li><a href=\"").Append(Html.Encode(request.Url(root + "/evidence"))).Append("\">").Append(Html.Encode(ContactTexts.EvidenceJson.In(request))).Append("</a></li>")
            .Append("<li><a href=\"").Append(Html.Encode(request.Url(root + "/export"))).Append("\">").Append(Html.Encode(ContactTexts.Export.In(request))).Append("</a></li>")
            .Append("</ul>\n");
    }
}
