namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>How the browser tests find Chromium on a developer's machine, and when they skip.</summary>
public sealed class ChromiumTests
{
    private static readonly string Sep = Path.PathSeparator.ToString();

    [Fact]
    public void Find_VariableSet_WinsEvenWhenItsFileIsMissing()
    {
        var found = Chromium.Find("/opt/chrome/chrome", "/usr/bin", _ => true);

        Assert.Equal("/opt/chrome/chrome", found);
    }

    [Fact]
    public void Find_NoVariable_TakesTheFirstKnownNameOnPath()
    {
        var files = new HashSet<string> { "/snap/bin/chromium-browser", "/usr/local/bin/google-chrome", Chromium.DefaultPath };

        var found = Chromium.Find(null, "/home/dev/bin" + Sep + "/snap/bin" + Sep + "/usr/local/bin", files.Contains);

        Assert.Equal("/snap/bin/chromium-browser", found);
    }

    [Fact]
    public void Find_NothingOnPath_FallsBackToDebiansPath()
    {
        var found = Chromium.Find("", "/home/dev/bin", p => p == Chromium.DefaultPath);

        Assert.Equal(Chromium.DefaultPath, found);
    }

    [Fact]
    public void Find_NoChromiumAnywhere_FindsNothing_AndTheTestsAreSkippedWithTheReason()
    {
        var found = Chromium.Find(null, "/usr/bin" + Sep + "/bin", _ => false);

        Assert.Null(found);
        Assert.Contains(Chromium.Variable, Chromium.SkipReasonFor(found, required: false), StringComparison.Ordinal);
    }

    [Fact]
    public void SkipReason_InCiWithoutChromium_IsNone_SoTheTestsRunAndFail()
    {
        Assert.Null(Chromium.SkipReasonFor(null, required: true));
        Assert.Null(Chromium.SkipReasonFor(Chromium.DefaultPath, required: false));
    }
}
