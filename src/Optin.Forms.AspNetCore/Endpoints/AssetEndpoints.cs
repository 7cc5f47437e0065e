using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>The default theme's stylesheet, the AutoSubmit, challenge and conditional-field scripts, served from the package itself.</summary>
internal static class AssetEndpoints
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["optin.css"] = (Load("optin.css"), "text/css; charset=utf-8"),
        ["autosubmit.js"] = (Load("autosubmit.js"), "text/javascript; charset=utf-8"),
        ["challenge.js"] = (Load("challenge.js"), "text/javascript; charset=utf-8"),
        ["conditions.js"] = (Load("conditions.js"), "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Task ServeAsync(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = asset.Type;
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("Optin.Forms.AspNetCore.Assets." + name)
            ?? throw new InvalidOperationException("Missing embedded asset " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
