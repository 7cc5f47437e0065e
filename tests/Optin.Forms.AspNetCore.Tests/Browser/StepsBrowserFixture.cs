namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>The browser fixture for the sample's multi-step <c>/atelier</c> page (its challenge made small: solved in milliseconds).</summary>
public sealed class StepsBrowserFixture : BrowserFixture
{
    protected override bool RealDoubleOptin => false;

    protected override (string Key, string? Value)[] ExtraSettings => [("OptinForms:Abuse:Challenge:MaxNumber", "2000")];
}
