using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>
/// The search: one exact address (posted), or a filter on kind, purpose state, tag, field and dates (a GET form, so
/// that the result pages are links), with paging.
/// </summary>
/// <remarks>
/// An address never goes into a URL. A GET form would put it in the query string, and from there into access logs,
/// proxy logs, the browser's history and a <c>Referer</c>; the admin API keeps addresses in request bodies for that
/// reason (DSR-4). So the address search is a POST (antiforgery-checked like every dashboard POST) that answers with a
/// 303 to the contact's page, whose URL holds only its id; the filters, which hold no address, stay in a GET form
/// whose result pages can be linked, paged and reloaded.
/// </remarks>
internal static class ContactSearch
{
    private const int DefaultPageSize = 50;

    public static Task ShowAsync(HttpContext context) => RenderAsync(DashboardRequest.For(context), null, null);

    public static async Task FindByAddressAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        var typed = form["email"].ToString();
        if (!EmailAddressNormalizer.TryNormalize(typed, out var email, out _))
        {
            await RenderAsync(request, typed, DashboardForms.Message(ContactTexts.InvalidAddress.In(request), error: true), StatusCodes.Status400BadRequest);
            return;
        }

        var store = context.RequestServices.GetRequiredService<IOptinStore>();
        if (await store.Contacts.FindByEmailKeyAsync(email.Key, request.Aborted) is { } found)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = request.Url("/contacts/" + found.Id);
            return;
        }

        await RenderAsync(request, typed, DashboardForms.Message(ContactTexts.NotFoundByAddress.In(request)));
    }

    private static async Task RenderAsync(DashboardRequest request, string? typedAddress, string? messageHtml, int status = StatusCodes.Status200OK)
    {
        var context = request.Context;
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var max = context.RequestServices.GetRequiredService<IOptions<OptinFormsWebOptions>>().Value.Admin.MaxPageSize;
        var q = context.Request.Query;
        var html = new StringBuilder(16 * 1024);
        if (ContactActions.DoneMessage(request) is { } done)
        {
            html.Append(DashboardForms.Message(done));
        }

        html.Append(messageHtml);

        html.Append("<section aria-labelledby=\"by-address\"><h2 id=\"by-address\">").Append(Html.Encode(ContactTexts.ByAddress.In(request))).Append("</h2>\n");
        DashboardForms.OpenForm(html, request, "/contacts/find");
        ContactFields.Input(html, "email", "email", ContactTexts.Address.In(request), typedAddress, required: true, type: "email", autocomplete: "off");
        ContactFields.Submit(html, ContactTexts.Find.In(request));
        html.Append("</section>\n");

        var (query, error, page, size) = Parse(request, max);
        html.Append("<section aria-labelledby=\"filters\"><h2 id=\"filters\">").Append(Html.Encode(ContactTexts.Filters.In(request))).Append("</h2>\n")
            .Append("<form method=\"get\" action=\"").Append(Html.Encode(request.Url("/contacts"))).Append("\" class=\"dash-filters\">\n");
        ContactFields.Select(html, "kind", "kind", ContactTexts.Kind.In(request),
            [("", ContactTexts.Any.In(request)), .. Enum.GetValues<ContactKind>().Select(k => (k.ToString(), ContactTexts.Of(k, request)))], q["kind"]);
        ContactFields.Select(html, "purpose", "purpose", ContactTexts.Purpose.In(request),
            [("", ContactTexts.Any.In(request)), .. catalog.Purposes.Keys.Order(StringComparer.Ordinal).Select(p => (p, p))], q["purpose"]);
        ContactFields.Select(html, "state", "state", ContactTexts.State.In(request),
            [("", ContactTexts.Any.In(request)), .. Enum.GetValues<OptinState>().Select(s => (s.ToString(), ContactTexts.Of(s, request)))], q["state"]);
        ContactFields.Input(html, "tag", "tag", ContactTexts.Tag.In(request), q["tag"]);
        ContactFields.Input(html, "field", "field", ContactTexts.FieldName.In(request), q["field"]);
        ContactFields.Input(html, "value", "value", ContactTexts.FieldValue.In(request), q["value"]);
        ContactFields.Input(html, "createdFrom", "createdFrom", ContactTexts.CreatedFrom.In(request), q["createdFrom"], type: "date");
        ContactFields.Input(html, "createdTo", "createdTo", ContactTexts.CreatedTo.In(request), q["createdTo"], type: "date");
        ContactFields.Input(html, "updatedFrom", "updatedFrom", ContactTexts.UpdatedFrom.In(request), q["updatedFrom"], type: "date");
        ContactFields.Input(html, "updatedTo", "updatedTo", ContactTexts.UpdatedTo.In(request), q["updatedTo"], type: "date");
        ContactFields.Input(html, "size", "size", ContactTexts.PageSize.In(request), size.ToString(CultureInfo.InvariantCulture), type: "number");
        ContactFields.Submit(html, ContactTexts.Search.In(request));
        html.Append("</section>\n");

        if (error is not null)
        {
            html.Append(DashboardForms.Message(error, error: true));
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            await AppendResultsAsync(html, request, query!, page, size);
        }

        await DashboardLayout.WritePageAsync(request, DashboardSection.Contacts, ContactTexts.Title.In(request), html.ToString(), status);
    }

    private static async Task AppendResultsAsync(StringBuilder html, DashboardRequest request, ContactQuery query, int page, int size)
    {
        var store = request.Context.RequestServices.GetRequiredService<IOptinStore>();
        var total = await store.Contacts.CountAsync(query, request.Aborted);
        html.Append("<section aria-labelledby=\"results\"><h2 id=\"results\">").Append(Html.Encode(ContactTexts.Results.In(request))).Append("</h2>\n<p>")
            .Append(Html.Encode(total == 0 ? ContactTexts.NoMatch.In(request)
                : string.Format(CultureInfo.InvariantCulture, ContactTexts.Matches.In(request), ContactFields.Number(total, request.Culture))))
            .Append("</p>\n");
        if (total == 0)
        {
            html.Append("</section>\n");
            return;
        }

        var offset = (long)(page - 1) * size;
        var skipped = 0L;
        var shown = 0;
        var more = false;
        html.Append("<div class=\"dash-table-wrap\"><table>\n<thead><tr><th scope=\"col\">").Append(Html.Encode(ContactTexts.Address.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.Kind.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.OptIns.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.Created.In(request)))
            .Append("</th><th scope=\"col\">").Append(Html.Encode(ContactTexts.Updated.In(request))).Append("</th></tr></thead>\n<tbody>\n");
        await foreach (var contact in store.Contacts.QueryAsync(query, request.Aborted))
        {
            if (skipped < offset)
            {
                skipped++;
                continue;
            }

            if (shown == size)
            {
                more = true;
                break;
            }

            shown++;
            html.Append("<tr><td><a href=\"").Append(Html.Encode(request.Url("/contacts/" + contact.Id))).Append("\">").Append(Html.Encode(contact.Email))
                .Append("</a></td><td>").Append(Html.Encode(ContactTexts.Of(contact.Kind, request))).Append("</td><td>")
                .Append(Html.Encode(string.Join(", ", contact.Optins.OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => o.Key + " : " + ContactTexts.Of(o.Value.State, request)))))
                .Append("</td><td>").Append(ContactFields.Time(contact.CreatedAt)).Append("</td><td>").Append(ContactFields.Time(contact.UpdatedAt))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        AppendPager(html, request, page, more);
        html.Append("</section>\n");
    }

    /// <summary>Previous and next links that keep every filter of the query string and change only the page.</summary>
    private static void AppendPager(StringBuilder html, DashboardRequest request, int page, bool more)
    {
        if (page <= 1 && !more)
        {
            return;
        }

        string Link(int target)
        {
            var pairs = request.Context.Request.Query.Where(p => p.Key is not ("page" or DashboardCultures.QueryKey))
                .SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? string.Empty)))
                .Append("page=" + target.ToString(CultureInfo.InvariantCulture));
            return request.Url("/contacts") + "?" + string.Join("&", pairs);
        }

        html.Append("<nav aria-label=\"").Append(Html.Encode(ContactTexts.Pages.In(request))).Append("\"><ul class=\"dash-pager\">");
        if (page > 1)
        {
            html.Append("<li><a rel=\"prev\" href=\"").Append(Html.Encode(Link(page - 1))).Append("\">").Append(Html.Encode(ContactTexts.Previous.In(request))).Append("</a></li>");
        }

        html.Append("<li>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, ContactTexts.PageOf.In(request), page))).Append("</li>");
        if (more)
        {
            html.Append("<li><a rel=\"next\" href=\"").Append(Html.Encode(Link(page + 1))).Append("\">").Append(Html.Encode(ContactTexts.Next.In(request))).Append("</a></li>");
        }

        html.Append("</ul></nav>\n");
    }

    /// <summary>Reads the filter from the query string: the store's query, or the first error in words.</summary>
    internal static (ContactQuery? Query, string? Error, int Page, int Size) Parse(DashboardRequest request, int maxPageSize)
    {
        var q = request.Context.Request.Query;
        var size = Math.Min(DefaultPageSize, maxPageSize);
        var page = int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
        if (!string.IsNullOrEmpty(q["size"]))
        {
            if (!int.TryParse(q["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 1 || s > maxPageSize)
            {
                return (null, string.Format(CultureInfo.InvariantCulture, ContactTexts.InvalidSize.In(request), maxPageSize), page, size);
            }

            size = s;
        }

        var query = new ContactQuery
        {
            Kind = Enum.TryParse<ContactKind>(q["kind"], out var kind) && Enum.IsDefined(kind) ? kind : null,
            Tag = Trimmed(q["tag"]),
            Purpose = Trimmed(q["purpose"]),
            State = Enum.TryParse<OptinState>(q["state"], out var state) && Enum.IsDefined(state) ? state : null,
        };
        if (query.State is not null && query.Purpose is null)
        {
            return (null, ContactTexts.StateNeedsPurpose.In(request), page, size);
        }

        if (Trimmed(q["field"]) is { } field)
        {
            query = query with { FieldEquals = ImmutableDictionary<string, string>.Empty.Add(field, q["value"].ToString()) };
        }

        foreach (var (key, end) in new[] { ("createdFrom", false), ("createdTo", true), ("updatedFrom", false), ("updatedTo", true) })
        {
            var text = Trimmed(q[key]);
            if (text is null)
            {
                continue;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                return (null, string.Format(CultureInfo.InvariantCulture, ContactTexts.InvalidDate.In(request), text), page, size);
            }

            // A day is read in UTC, and "to" includes the whole day: before the next midnight.
            var instant = (end ? parsed.Value.PlusDays(1) : parsed.Value).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            query = key switch
            {
                "createdFrom" => query with { CreatedFrom = instant },
                "createdTo" => query with { CreatedBefore = instant },
                "updatedFrom" => query with { UpdatedFrom = instant },
                _ => query with { UpdatedBefore = instant },
            };
        }

        return (query, null, page, size);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
