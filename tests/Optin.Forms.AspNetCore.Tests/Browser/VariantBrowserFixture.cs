namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>The browser fixture with the sample's /salon always showing its variant B (variant A paused) (#19).</summary>
public sealed class VariantBrowserFixture : BrowserFixture
{
    protected override (string Key, string? Value)[] ExtraSettings => [("OptinForms:LandingPages:salon:Variants:a:Weight", "0")];
}
