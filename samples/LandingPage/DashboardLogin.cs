using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LandingPage;

/// <summary>
/// The sample's sign-in for the back office (<c>/optin/dashboard</c>): one user, whose name and password come from
/// <c>Sample:Dashboard:UserName</c> and <c>Sample:Dashboard:Password</c> (user-secrets or environment variables, never a
/// committed file). With either unset, nobody can sign in. A real site uses its own sign-in (Identity, OpenID Connect…)
/// and names its policy in <c>OptinForms:Admin:AuthorizationPolicy</c>.
/// </summary>
internal static class DashboardLogin
{
    public const string CookieScheme = "SampleCookie";
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    /// <summary>The cookie the back office's pages are signed in with (the admin API keeps its key header).</summary>
    public static void Add(AuthenticationBuilder authentication) =>
        authentication.AddCookie(CookieScheme, options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.Cookie.Name = "optin-sample-auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

    public static void Map(WebApplication app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, returnUrl, error: false, StatusCodes.Status200OK));
        app.MapPost(LoginPath, async (HttpContext context, IAntiforgery antiforgery, IConfiguration configuration) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            var userName = form["username"].ToString();
            if (!Matches(configuration, userName, form["password"].ToString()))
            {
                return Page(context, antiforgery, returnUrl, error: true, StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], CookieScheme);
            await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/optin/dashboard");
        }).DisableAntiforgery();
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(CookieScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery();
    }

    /// <summary>Both settings must be set, and both must match (compared in constant time).</summary>
    private static bool Matches(IConfiguration configuration, string userName, string password)
    {
        var expectedUser = configuration["Sample:Dashboard:UserName"];
        var expectedPassword = configuration["Sample:Dashboard:Password"];
        if (string.IsNullOrEmpty(expectedUser) || string.IsNullOrEmpty(expectedPassword))
        {
            return false;
        }

        var userOk = CryptographicOperations.FixedTimeEquals(Hash(userName), Hash(expectedUser));
        var passwordOk = CryptographicOperations.FixedTimeEquals(Hash(password), Hash(expectedPassword));
        return userOk & passwordOk;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>Sign in</title><link rel=\"stylesheet\" href=\"/optin/assets/optin.css\"></head>\n")
            .Append("<body><main class=\"optin-page\" id=\"main\"><h1>Sign in to the back office</h1>\n");
        if (error)
        {
            html.Append("<p class=\"optin-error\" role=\"alert\">The user name or the password is wrong.</p>\n");
        }

        html.Append("<form method=\"post\" action=\"").Append(LoginPath).Append("\" class=\"optin-form\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(tokens.FormFieldName)).Append("\" value=\"")
            .Append(WebUtility.HtmlEncode(tokens.RequestToken)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : string.Empty)).Append("\">\n")
            .Append("<div class=\"optin-field\"><label for=\"username\">User name</label><input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required></div>\n")
            .Append("<div class=\"optin-field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>\n")
            .Append("<button type=\"submit\" class=\"optin-submit\">Sign in</button>\n</form>\n</main></body></html>\n");
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
