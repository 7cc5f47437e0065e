using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>
/// A host that names an authorization policy for the admin API but registers no authentication scheme: an
/// unauthenticated call is answered 401, not 500 ("No authenticationScheme was specified").
/// </summary>
public sealed class AdminWithoutAuthenticationTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("optin-noauth-");
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = _root.FullName });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddJsonFile(Path.Combine(RepositoryFiles.Root, "samples", "LandingPage", "appsettings.json"));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OptinForms:Mail:Sender"] = "InMemory" });
        builder.Services.AddOptinForms(builder.Configuration.GetSection("OptinForms")).UseAspNetCore();
        builder.Services.AddAuthorizationBuilder().AddPolicy("OptinAdmin", p => p.RequireRole("dpo"));
        _app = builder.Build();
        _app.MapOptinForms();
        _app.MapGet("/private", () => "private").RequireAuthorization("OptinAdmin");
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _root.Delete(recursive: true);
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Admin_NoAuthenticationSchemeAndNoUser_Answers401WithNoStore()
    {
        using var client = _app.GetTestClient();

        var search = await client.PostAsJsonAsync("/optin/admin/contacts/search", new { email = "marie@exemple.fr" });
        var get = await client.GetAsync($"/optin/admin/contacts/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, search.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.True(search.Headers.CacheControl?.NoStore);
        Assert.Equal("", await search.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HostsOwnEndpoint_SamePolicy_KeepsTheFrameworksBehaviour()
    {
        using var client = _app.GetTestClient();

        // Only the admin API is answered by Optin.Forms: the host's own endpoints fail as ASP.NET Core makes them.
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("/private"));
    }
}
