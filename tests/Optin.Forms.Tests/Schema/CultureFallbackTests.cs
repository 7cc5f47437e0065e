using System.Collections.Immutable;
using Optin.Forms.Schema;

namespace Optin.Forms.Tests.Schema;

/// <summary>One fallback order for every localised text: consent texts (CONS-7), titles and labels, landing templates.</summary>
public sealed class CultureFallbackTests
{
    [Theory]
    [InlineData("zh-Hant-TW", "fr", "zh-Hant-TW,zh-Hant,zh,fr")]
    [InlineData("fr-CA", "fr", "fr-CA,fr")]
    [InlineData("en", "en-GB", "en,en-GB")]
    [InlineData(null, "fr-BE", "fr-BE,fr")]
    [InlineData("", null, "")]
    public void Candidates_CultureThenParentsThenDefault_NoNameTwice(string? culture, string? defaultCulture, string expected)
    {
        Assert.Equal(expected, string.Join(',', CultureFallback.Candidates(culture, defaultCulture)));
    }

    [Theory]
    [Trait("Requirement", "CONS-7")]
    [InlineData("zh-Hant-TW", "zh-Hant")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de", "en")]
    public void PurposeTextsAndLabels_PickTheSameCulture(string culture, string expected)
    {
        var cultures = new[] { "en", "fr", "zh-Hant" };
        var purpose = new PurposeDefinition("newsletter", marketing: false, retention: null, controller: null, privacyNotice: null,
            cultures.ToImmutableDictionary(c => c, c => new PurposeText(c, "consent " + c, "purpose " + c), StringComparer.OrdinalIgnoreCase));
        var label = LocalizedText.From(cultures.Select(c => KeyValuePair.Create(c, c)));

        Assert.Equal(expected, purpose.GetText(culture, "en").Culture);
        Assert.Equal(expected, label.Get(culture, "en"));
    }
}
