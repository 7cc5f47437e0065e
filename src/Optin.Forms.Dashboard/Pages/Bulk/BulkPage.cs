using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore.Admin;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// Bulk changes: a query (the admin API's bulk filters), a dry-run count shown in a confirmation step, then the change
/// applied with that count, refused when the query matches a different number by then. Two changes: opt-in by hand
/// (state, reason, legal basis; <see cref="ContactOptinService.SetOptinInBulkAsync"/>) and a double opt-in request
/// (<see cref="DoubleOptinRequestService.RequestForQueryAsync(ContactQuery, string, string?, string, string, CancellationToken)"/>), the services the admin API uses.
/// </summary>
internal static partial class BulkPage
{
    public const string OptinChange = "optin";
    public const string DoubleOptinChange = "double-optin";

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    private static readonly string[] QueryFields = ["kind", "purpose", "state", "tag", "fieldName", "fieldValue", "createdFrom", "createdBefore", "lastActivityBefore"];
    private static readonly string[] ChangeFields = ["change", "targetPurpose", "targetState", "legalBasis", "reason"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/bulk", (Delegate)Show);
        group.MapPost("/bulk", (Delegate)PostAsync);
    }

    private static Task Show(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var html = new StringBuilder(8192);
        var query = context.Request.Query;
        if (query.TryGetValue("changed", out var changed))
        {
            var text = query["change"] == DoubleOptinChange ? DoneDoi : DoneOptin;
            html.Append(DashboardForms.Message(string.Format(CultureInfo.InvariantCulture, text.In(request),
                long.TryParse(changed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)));
        }

        AppendForm(html, request, Values.Empty);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Bulk, Title.In(request), html.ToString());
    }

    private static async Task PostAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        var values = new Values(form);
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var errors = new List<string>();
        var query = ParseQuery(values, catalog, errors, request);
        var change = ParseChange(values, catalog, errors, request);
        if (request.Actor is not { } actor)
        {
            errors.Add(NoActor.In(request));
            actor = string.Empty;
        }

        if (errors.Count > 0 || query is null || change is null)
        {
            await WriteFormAsync(request, values, string.Concat(errors.Select(e => DashboardForms.Message(e, error: true))), StatusCodes.Status400BadRequest);
            return;
        }

        var contacts = context.RequestServices.GetRequiredService<ContactOptinService>();
        var count = await contacts.CountAsync(query, request.Aborted);
        if (values["confirmed"] != "true")
        {
            await WriteConfirmationAsync(request, values, change, count);
            return;
        }

        if (!long.TryParse(values["expectedCount"], NumberStyles.None, CultureInfo.InvariantCulture, out var expected) || expected != count)
        {
            var message = DashboardForms.Message(string.Format(CultureInfo.InvariantCulture, CountChanged.In(request), count, values["expectedCount"]), error: true);
            await WriteFormAsync(request, values, message, StatusCodes.Status409Conflict);
            return;
        }

        var result = change.Kind == DoubleOptinChange
            ? await context.RequestServices.GetRequiredService<DoubleOptinRequestService>().RequestForQueryAsync(query, change.Purpose, null, actor, change.Reason, request.Aborted)
            : await contacts.SetOptinInBulkAsync(new BulkOptinRequest(query, change.Purpose, change.State, actor, change.Reason, change.LegalBasis), request.Aborted);
        if (!result.Succeeded)
        {
            await WriteFormAsync(request, values, DashboardForms.Message(result.Description ?? result.Code ?? "?", error: true), StatusCodes.Status400BadRequest);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = request.Url(FormattableString.Invariant($"/bulk?change={change.Kind}&changed={result.Count}"));
    }

    /// <summary>The admin API's filter (<see cref="AdminQuery"/>) from the form, or null with the problems added to <paramref name="errors"/>.</summary>
    private static ContactQuery? ParseQuery(Values values, FormCatalog catalog, List<string> errors, DashboardRequest request)
    {
        var admin = new AdminQuery
        {
            Kind = Parse<ContactKind>(values["kind"], errors, KindField.In(request)),
            Purpose = Known(values["purpose"], catalog, errors, request),
            State = Parse<OptinState>(values["state"], errors, StateField.In(request)),
            Tag = Blank(values["tag"]),
            Fields = Blank(values["fieldName"]) is { } name ? new() { [name] = values["fieldValue"] ?? string.Empty } : null,
            CreatedFrom = Day(values["createdFrom"], errors, CreatedFromField.In(request)),
            CreatedBefore = Day(values["createdBefore"], errors, CreatedBeforeField.In(request)),
            LastActivityBefore = Day(values["lastActivityBefore"], errors, LastActivityField.In(request)),
        };
        return errors.Count == 0 ? admin.ToContactQuery() : null;
    }

    private static Change? ParseChange(Values values, FormCatalog catalog, List<string> errors, DashboardRequest request)
    {
        var kind = values["change"];
        if (kind is not (OptinChange or DoubleOptinChange))
        {
            errors.Add(ChooseChange.In(request));
            return null;
        }

        if (Blank(values["targetPurpose"]) is not { } purpose || catalog.FindPurpose(purpose) is null)
        {
            errors.Add(ChoosePurpose.In(request));
            return null;
        }

        if (Blank(values["reason"]) is not { } reason)
        {
            errors.Add(NeedReason.In(request));
        }

        if (kind == DoubleOptinChange)
        {
            return errors.Count == 0 ? new(kind, purpose, OptinState.PendingConfirmation, values["reason"]!.Trim(), string.Empty) : null;
        }

        var state = Enum.TryParse<OptinState>(values["targetState"], out var s) && s is OptinState.OptedIn or OptinState.Withdrawn or OptinState.None ? s : (OptinState?)null;
        if (state is null)
        {
            errors.Add(ChooseState.In(request));
        }

        if (Blank(values["legalBasis"]) is not { } legalBasis)
        {
            errors.Add(NeedLegalBasis.In(request));
        }

        return errors.Count == 0 ? new(kind, purpose, state!.Value, values["reason"]!.Trim(), values["legalBasis"]!.Trim()) : null;
    }

    private static T? Parse<T>(string? value, List<string> errors, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(value[0]))
        {
            return parsed;
        }

        errors.Add(field);
        return null;
    }

    private static string? Known(string? purpose, FormCatalog catalog, List<string> errors, DashboardRequest request)
    {
        if (Blank(purpose) is not { } id)
        {
            return null;
        }

        if (catalog.FindPurpose(id) is null)
        {
            errors.Add(ChoosePurpose.In(request));
        }

        return id;
    }

    private static Instant? Day(string? value, List<string> errors, string field)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        var parsed = Date.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        errors.Add(field);
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The change to apply.</summary>
    private sealed record Change(string Kind, string Purpose, OptinState State, string Reason, string LegalBasis);

    /// <summary>The posted values (or none), read by name.</summary>
    private sealed class Values(IFormCollection? form)
    {
        public static readonly Values Empty = new(null);

        public string? this[string name] => form is not null && form.TryGetValue(name, out var v) ? v.ToString() : null;

        public IEnumerable<KeyValuePair<string, string>> Carried() =>
            QueryFields.Concat(ChangeFields).Where(n => !string.IsNullOrEmpty(this[n])).Select(n => new KeyValuePair<string, string>(n, this[n]!));
    }
}
