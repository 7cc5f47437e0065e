using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Storage;
using static Optin.Forms.AspNetCore.Tests.Dashboard.DataPagesSupport;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Entries over HTTP: the paged table of a form's submissions and its streamed CSV export.</summary>
public sealed class EntriesPageTests
{
    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Export_Anonymous_IsSentToTheLogin_WithNoData()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        await SubmitAsync(app, "jean@exemple.fr", "Jean");

        var response = await app.Client().GetAsync(new Uri("/optin/dashboard/entries/export?form=newsletter", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("jean", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Entries_ListOnlyTheChosenFormNewestFirst_FiftyAPage()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        for (var i = 0; i < 52; i++)
        {
            await SubmitAsync(app, $"personne{i:00}@exemple.fr", $"Prénom{i:00}");
            app.Clock.Advance(NodaTime.Duration.FromMinutes(1));
        }

        await SubmitAsync(app, "societe@exemple.fr", "Dupont SA", form: "contact");
        var session = await DashboardSession.SignInAsync(app);

        var first = await session.OpenAsync("/optin/dashboard/entries?form=newsletter");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(50, CountRows(session.Html));
        Assert.True(session.Html.IndexOf("Prénom51", StringComparison.Ordinal) < session.Html.IndexOf("Prénom50", StringComparison.Ordinal));
        Assert.DoesNotContain("Dupont SA", session.Html, StringComparison.Ordinal);
        Assert.Contains("page=2", session.Html, StringComparison.Ordinal);

        await session.OpenAsync("/optin/dashboard/entries?form=newsletter&page=2");
        Assert.Equal(2, CountRows(session.Html));
        Assert.Contains("Prénom00", session.Html, StringComparison.Ordinal);

        await session.OpenAsync("/optin/dashboard/entries?form=contact");
        Assert.Equal(1, CountRows(session.Html));
        Assert.Contains("Dupont SA", session.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"dash-table-wrap\"", session.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.OpenAsync("/optin/dashboard/entries?form=nope")).StatusCode);
    }

    [Fact]
    [Trait("Issue", "17")]
    public async Task Export_FormulaLikeValuesAndAccents_Utf8WithBom_CellsNeutralised_QuotedAsRfc4180()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        await SubmitAsync(app, "a@exemple.fr", "=HYPERLINK(\"http://evil.example\",\"clic\")");
        await SubmitAsync(app, "b@exemple.fr", "@SUM(1+1)");
        await SubmitAsync(app, "c@exemple.fr", "-2+3");
        await SubmitAsync(app, "d@exemple.fr", "Zoé Lefèvre, née Ç");
        var session = await DashboardSession.SignInAsync(app);

        var response = await session.Client.GetAsync(new Uri("/optin/dashboard/entries/export?form=newsletter", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("attachment; filename=\"entries-newsletter-2026-11-12.csv\"", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("submission_id,received_at,form_version,culture,contact_id,email,firstName,consents_given,source_url,"
            + "landing_page,variant,utm_source,utm_medium,utm_campaign,referrer_host", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Equal("", lines[5]);
        var text = string.Join('\n', lines);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\",newsletter,", text, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1),newsletter,", text, StringComparison.Ordinal);
        Assert.Contains(",'-2+3,newsletter,", text, StringComparison.Ordinal);
        Assert.Contains(",\"Zoé Lefèvre, née Ç\",newsletter,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "17")]
    public async Task Export_IsStreamed_TheFirstRowsArriveWhileTheStoreIsStillReading()
    {
        GatedStore? gated = null;
        await using var app = new OptinWebFactory(DashboardSession.Settings())
        {
            ConfigureServicesExtra = services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(IOptinStore));
                services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => gated ??= new GatedStore((IOptinStore)inner.ImplementationFactory!(sp))));
            },
        };
        for (var i = 0; i < GatedStore.OpenRows + 20; i++)
        {
            await SubmitAsync(app, $"p{i}@exemple.fr", "P" + i);
        }

        var session = await DashboardSession.SignInAsync(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await session.Client.GetAsync(new Uri("/optin/dashboard/entries/export?form=newsletter", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Null(response.Content.Headers.ContentLength);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        for (var i = 0; i < GatedStore.OpenRows; i++)
        {
            // The header and the first 200 rows, flushed while the store waits at row 201.
            Assert.NotNull(await reader.ReadLineAsync(timeout.Token));
        }

        gated!.Gate.Release();
        var rest = await reader.ReadToEndAsync(timeout.Token);
        Assert.Equal(20 + 1, rest.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static int CountRows(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return body.Split("<tr>").Length - 1;
    }
}
