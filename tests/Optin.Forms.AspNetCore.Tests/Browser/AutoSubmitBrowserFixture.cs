namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>The browser fixture with <c>OptinForms:DoubleOptin:ConfirmationMode = AutoSubmit</c>.</summary>
public sealed class AutoSubmitBrowserFixture : BrowserFixture
{
    protected override bool RealDoubleOptin => false;

    protected override (string Key, string? Value)[] ExtraSettings => [("OptinForms:DoubleOptin:ConfirmationMode", "AutoSubmit")];
}
