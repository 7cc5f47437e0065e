using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>
/// A back-office user over HTTP (no browser): signs in through the sample's login form, opens dashboard pages and posts
/// their forms with the antiforgery field the page carried. For action tests; the browser tests use
/// <see cref="DashboardFixture"/>.
/// </summary>
internal sealed class DashboardSession
{
    public const string UserName = "dpo@stand.example";
    public const string Password = "s3cret-for-tests";

    private DashboardSession(OptinWebFactory app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public OptinWebFactory App { get; }

    public HttpClient Client { get; }

    /// <summary>The hidden fields of the last page opened (antiforgery among them).</summary>
    public Dictionary<string, string> Hidden { get; private set; } = [];

    /// <summary>The HTML of the last page opened.</summary>
    public string Html { get; private set; } = string.Empty;

    /// <summary>Settings every dashboard test host needs (the one user, and an admin API key).</summary>
    public static (string Key, string? Value)[] Settings(params (string Key, string? Value)[] more) =>
    [
        ("Sample:Dashboard:UserName", UserName),
        ("Sample:Dashboard:Password", Password),
        ("Sample:AdminApiKey", "test-admin-key"),
        .. more,
    ];

    /// <summary>Signs in on <paramref name="app"/> (made with <see cref="Settings"/>) and returns the session.</summary>
    public static async Task<DashboardSession> SignInAsync(OptinWebFactory app)
    {
        var session = new DashboardSession(app, app.Client());
        await session.OpenAsync("/account/login");
        var response = await session.PostAsync("/account/login", ("username", UserName), ("password", Password));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}.");
        }

        return session;
    }

    /// <summary>GETs <paramref name="path"/> (e.g. <c>/optin/dashboard/contacts</c>) and keeps its HTML and hidden fields.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Html = await response.Content.ReadAsStringAsync();
        Hidden = FormSession.HiddenInputs(Html);
        return response;
    }

    /// <summary>POSTs to <paramref name="path"/> the last page's antiforgery field plus <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, params (string Key, string Value)[] fields)
    {
        var pairs = Hidden.Where(h => h.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal) || h.Key == "returnUrl")
            .Select(h => new KeyValuePair<string, string>(h.Key, h.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var response = await Client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(pairs));
        Html = await response.Content.ReadAsStringAsync();
        Hidden = FormSession.HiddenInputs(Html);
        return response;
    }
}
