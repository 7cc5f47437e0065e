using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// The sample on a real Kestrel port on 127.0.0.1 and a headless Chromium driven by Playwright, found by
/// <see cref="Chromium"/>. Where there is none, the <see cref="ChromiumFactAttribute"/> tests are skipped and this
/// fixture starts nothing; in CI (<c>CI=true</c>) it fails, and <c>.ci/services/chromium.sh</c> installs Chromium.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
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
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        var chromium = Chromium.Path is { } found && File.Exists(found)
            ? found
            : throw new InvalidOperationException(Chromium.Path is null
                ? $"Chromium is required in CI and none was found ({Chromium.Variable}, PATH, {Chromium.DefaultPath}): run .ci/services/chromium.sh (apt-get install chromium)."
                : $"Chromium is not at {Chromium.Path} (from {Chromium.Variable}).");
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        App = new OptinWebFactory([("OptinForms:BaseUrl", BaseUrl), .. ExtraSettings]) { RealDoubleOptin = RealDoubleOptin };
        App.UseKestrel(port);
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
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
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
