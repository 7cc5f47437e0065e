using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LandingPage;

/// <summary>
/// The sample's protection of the admin API: a shared key in the <c>X-Api-Key</c> header, compared in constant time with
/// <c>Sample:AdminApiKey</c> (set it with user secrets or an environment variable, never in a committed file). With no key
/// configured every admin request is refused. A real site plugs in its own authentication (cookies, OpenID Connect…)
/// and names its policy in <c>OptinForms:Admin:AuthorizationPolicy</c>.
/// </summary>
internal static class AdminApiKey
{
    public const string Scheme = "AdminApiKey";
    public const string Policy = "OptinAdmin";
    public const string Header = "X-Api-Key";

    /// <summary>The policy scheme that picks the key or the back office's cookie.</summary>
    public const string Either = "AdminApiKeyOrCookie";

    public static void Add(IServiceCollection services)
    {
        var authentication = services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);

        // The back office signs in with a cookie (DashboardLogin); the admin API with the key. One policy covers both: a
        // request under the admin API (or carrying the key) is checked with the key, and answered 401 without it; any
        // other (the dashboard's pages) with the cookie, and sent to the login page without it.
        DashboardLogin.Add(authentication);
        authentication.AddPolicyScheme(Either, null, options => options.ForwardDefaultSelector = context =>
            context.Request.Headers.ContainsKey(Header) || context.Request.Path.StartsWithSegments(
                context.RequestServices.GetRequiredService<IOptions<Optin.Forms.AspNetCore.OptinFormsWebOptions>>().Value.PathPrefix.TrimEnd('/') + "/admin",
                StringComparison.OrdinalIgnoreCase)
                ? Scheme
                : DashboardLogin.CookieScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Either).RequireAuthenticatedUser());
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var presented))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var expected = configuration["Sample:AdminApiKey"];
            if (string.IsNullOrEmpty(expected) || presented.Count != 1
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented[0] ?? string.Empty)),
                    SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin-api-key")], AdminApiKey.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminApiKey.Scheme)));
        }
    }
}
