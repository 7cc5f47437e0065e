namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>The browser fixture with the proof-of-work challenge on the newsletter form (a small one: solved in milliseconds).</summary>
public sealed class ChallengeBrowserFixture : BrowserFixture
{
    protected override bool RealDoubleOptin => false;

    protected override (string Key, string? Value)[] ExtraSettings =>
        [("OptinForms:Forms:newsletter:Abuse:Challenge", "true"), ("OptinForms:Abuse:Challenge:MaxNumber", "2000")];
}
