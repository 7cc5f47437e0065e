using System.Net;
using System.Text.RegularExpressions;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Steps;

/// <summary>
/// A visitor of a multi-step form without JavaScript: keeps the cookies and every hidden input of the page it was last
/// shown (in order, repeated names included), and posts them back with what it types and the button it presses.
/// </summary>
internal sealed partial class StepVisitor(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public List<KeyValuePair<string, string>> Hidden { get; private set; } = [];

    public string Html { get; private set; } = string.Empty;

    public string Text => WebUtility.HtmlDecode(Html);

    public async Task<HttpResponseMessage> OpenAsync(string path)
    {
        var response = await Client.GetAsync(path);
        await TakeAsync(response);
        return response;
    }

    /// <summary>Posts the page's hidden inputs and <paramref name="fields"/>; the answer's page becomes the current one.</summary>
    public async Task<HttpResponseMessage> PostAsync(string formId, params (string Key, string Value)[] fields)
    {
        var pairs = Hidden.Concat(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/" + formId) { Content = new FormUrlEncodedContent(pairs) };
        var response = await Client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            await TakeAsync(response);
        }

        return response;
    }

    /// <summary>Solves the page's challenge as its script would, into its hidden field.</summary>
    public void SolveChallenge()
    {
        var solution = ChallengeSolver.Solve(ChallengeSolver.FromHtml(Html));
        Set("__optin_altcha", solution);
    }

    public void Set(string name, string value)
    {
        var index = Hidden.FindIndex(p => p.Key == name);
        Hidden[index] = new(name, value);
    }

    public List<string> All(string name) => Hidden.Where(p => p.Key == name).Select(p => p.Value).ToList();

    private async Task TakeAsync(HttpResponseMessage response)
    {
        Html = await response.Content.ReadAsStringAsync();
        Hidden = [.. HiddenPattern().Matches(Html).Select(m =>
            new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenPattern();
}
