using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>
/// Rules as a site owner writes them in appsettings.json (<c>"Rules": [ … ]</c>), added after the sample's rules of
/// <see cref="Flow"/>, and posts through the real <see cref="SubmissionPipeline"/>.
/// </summary>
internal static class OwnerRules
{
    /// <summary>A flow whose configuration holds the sample's rules followed by <paramref name="rulesJson"/> (a JSON array).</summary>
    public static Flow Start(string rulesJson, Action<Dictionary<string, string?>>? amend = null) => Flow.Start(settings =>
    {
        const string prefix = "OptinForms:Rules:";
        var offset = settings.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split(':')[0]).Distinct().Count();
        var json = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($"{{ \"OptinForms\": {{ \"Rules\": {rulesJson} }} }}")))
            .Build();
        foreach (var (key, value) in json.AsEnumerable().Where(p => p.Value is not null))
        {
            var rest = key[prefix.Length..];
            var index = int.Parse(rest.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + (index + offset) + rest[rest.IndexOf(':', StringComparison.Ordinal)..]] = value;
        }

        amend?.Invoke(settings);
    });

    /// <summary>Posts <paramref name="values"/> to <paramref name="form"/> in <paramref name="culture"/> and returns the new contact's id.</summary>
    public static async Task<Guid> PostAsync(this Flow flow, string form, string culture, params (string Key, string? Value)[] values)
    {
        var post = Some.Post(form, values);
        post = post with { Context = post.Context with { Culture = culture } };
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        Assert.True(result.Succeeded, $"the post was refused: {result.Code} {string.Join(", ", result.Errors.Select(e => e.Field))}");
        return result.ContactId!.Value;
    }

    /// <summary>Posts to <paramref name="form"/> in French.</summary>
    public static Task<Guid> PostAsync(this Flow flow, string form, params (string Key, string? Value)[] values) =>
        flow.PostAsync(form, "fr", values);

    /// <summary>The contact as stored now.</summary>
    public static async Task<Contact> ContactAsync(this Flow flow, Guid id) =>
        (await flow.Store.Contacts.FindAsync(id, default)) ?? throw new InvalidOperationException("the contact is gone");

    /// <summary>Whether the stored contact carries <paramref name="tag"/>.</summary>
    public static async Task<bool> HasTagAsync(this Flow flow, Guid id, string tag) => (await flow.ContactAsync(id)).Tags.Contains(tag);
}
