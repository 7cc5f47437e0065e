using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Pages.Contacts;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The contacts section: the search (<c>/contacts</c>), one contact's page with its ledger as a timeline
/// (<c>/contacts/{id}</c>), its evidence and export, and the changes an operator makes on it, each through the same
/// services as the admin API and recorded with the signed-in user as actor and the reason typed.
/// </summary>
internal static class ContactsPage
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/contacts", ContactSearch.ShowAsync);
        group.MapPost("/contacts/find", ContactSearch.FindByAddressAsync);
        group.MapGet("/contacts/{id:guid}", (HttpContext c, Guid id) => ContactDetails.ShowAsync(c, id));
        group.MapGet("/contacts/{id:guid}/evidence", (HttpContext c, Guid id) => ContactDocuments.EvidenceJsonAsync(c, id));
        group.MapGet("/contacts/{id:guid}/evidence/html", (HttpContext c, Guid id) => ContactDocuments.EvidenceHtmlAsync(c, id));
        group.MapGet("/contacts/{id:guid}/export", (HttpContext c, Guid id) => ContactDocuments.ExportAsync(c, id));
        group.MapPost("/contacts/{id:guid}/rectify", (HttpContext c, Guid id) => ContactActions.RectifyAsync(c, id));
        group.MapPost("/contacts/{id:guid}/restriction", (HttpContext c, Guid id) => ContactActions.RestrictAsync(c, id));
        group.MapPost("/contacts/{id:guid}/erase", (HttpContext c, Guid id) => ContactActions.EraseAsync(c, id));
        group.MapPost("/contacts/{id:guid}/optin", (HttpContext c, Guid id) => ContactActions.SetOptinAsync(c, id));
        group.MapPost("/contacts/{id:guid}/double-optin", (HttpContext c, Guid id) => ContactActions.RequestDoubleOptinAsync(c, id));
        group.MapPost("/contacts/{id:guid}/kind", (HttpContext c, Guid id) => ContactActions.ChangeKindAsync(c, id));
    }
}
