using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// The sample on a real Kestrel port on 127.0.0.1 and a headless Debian Chromium driven by Playwright. No test is
/// skipped when Chromium is missing: the fixture fails, and <c>.ci/services/chromium.sh</c> installs it.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    internal OptinWebFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Settings a derived fixture adds (for example another confirmation mode).</summary>
    protected virtual (string Key, string? Value)[] ExtraSettings => [];

    /// <summary>Whether the engine's own double opt-in service sends the emails (the links then come from them).</summary>
    protected virtual bool RealDoubleOptin => true;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        App = new OptinWebFactory([("OptinForms:BaseUrl", BaseUrl), .. ExtraSettings]) { RealDoubleOptin = RealDoubleOptin };
        App.UseKestrel(port);
        App.StartServer();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run .ci/services/chromium.sh (apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
