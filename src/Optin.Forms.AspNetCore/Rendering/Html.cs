using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>HTML encoding that keeps French readable (<c>é</c> stays <c>é</c>) and encodes every markup character.</summary>
internal static class Html
{
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => value is null ? string.Empty : Encoder.Encode(value);
}
