using System.Net;
using System.Text.RegularExpressions;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>A visitor: opens a page holding a form (keeping its cookies and hidden fields) and posts it.</summary>
internal sealed partial class FormSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public Dictionary<string, string> Hidden { get; private set; } = [];

    public string Html { get; private set; } = string.Empty;

    public async Task<HttpResponseMessage> OpenAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Html = await response.Content.ReadAsStringAsync();
        Hidden = HiddenInputs(Html);
        return response;
    }

    /// <summary>Posts the hidden fields of the opened form plus <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(string formId, params (string Key, string Value)[] fields) =>
        PostAsync(formId, null, fields);

    public Task<HttpResponseMessage> PostAsync(string formId, Action<HttpRequestMessage>? configure, params (string Key, string Value)[] fields)
    {
        var pairs = Hidden.Select(h => new KeyValuePair<string, string>(h.Key, h.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/" + formId) { Content = new FormUrlEncodedContent(pairs) };
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in HiddenPattern().Matches(html))
        {
            hidden.TryAdd(WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
        }

        return hidden;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenPattern();
}
