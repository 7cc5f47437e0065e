namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// A test that drives Chromium: reported as skipped, with the reason, where no Chromium is found (as the PostgreSQL
/// tests are without <c>OPTIN_TEST_POSTGRES</c>), except in CI, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the browser is missing.</summary>
    public ChromiumFactAttribute() => Skip = Chromium.SkipReason;
}
