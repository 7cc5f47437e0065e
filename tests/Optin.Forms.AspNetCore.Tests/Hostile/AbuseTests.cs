using System.Net;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>ABU: rate limits, honeypot and fill time; refused posts store nothing.</summary>
public sealed class AbuseTests
{
    private static OptinWebFactory Limited(int perIp = 100, int perAddress = 100, int perForm = 1000) => new(
        ("OptinForms:Abuse:RateLimiting:Enabled", "true"),
        ("OptinForms:Abuse:RateLimiting:PerIpPerMinute", perIp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("OptinForms:Abuse:RateLimiting:PerAddressPerDay", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("OptinForms:Abuse:RateLimiting:PerFormPerMinute", perForm.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<HttpResponseMessage> PostFromAsync(OptinWebFactory app, string ip, string email)
    {
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        return await session.PostAsync("newsletter", r => r.Headers.Add(OptinWebFactory.TestIpHeader, ip),
            ("email", email), ("consent.newsletter", "true"));
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task PerIpLimit_Exceeded_Answers429_AndStoresNothing_OtherIpsUnaffected()
    {
        using var app = Limited(perIp: 2);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostFromAsync(app, "203.0.113.7", Some.Email("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostFromAsync(app, "203.0.113.7", Some.Email("b"))).StatusCode);
        var refused = await PostFromAsync(app, "203.0.113.7", Some.Email("c"));
        var other = await PostFromAsync(app, "198.51.100.9", Some.Email("d"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
        Assert.Equal(3, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task PerAddressLimit_Exceeded_AnswersLikeSuccess_AndStoresNothingMore()
    {
        using var app = Limited(perAddress: 1);
        var first = await PostFromAsync(app, "203.0.113.7", Some.Email());
        var contact = await app.Store.Contacts.QueryAsync(new(), default).SingleAsync();
        var second = await PostFromAsync(app, "198.51.100.9", Some.Email().ToUpperInvariant());

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single(await app.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task PerFormLimit_Exceeded_Answers429_AndStoresNothing()
    {
        using var app = Limited(perForm: 1);
        await PostFromAsync(app, "203.0.113.7", Some.Email("a"));
        var refused = await PostFromAsync(app, "198.51.100.9", Some.Email("b"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task RateLimitingDisabled_NoLimitApplies()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:RateLimiting:Enabled", "false"),
            ("OptinForms:Abuse:RateLimiting:PerIpPerMinute", "1"), ("OptinForms:Abuse:RateLimiting:PerFormPerMinute", "1"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await PostFromAsync(app, "203.0.113.7", Some.Email("n" + i))).StatusCode);
        }

        Assert.Equal(3, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task ForwardedFor_IgnoredWithoutTrustedProxies_SoItCannotDodgeTheIpLimit()
    {
        using var app = Limited(perIp: 1);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        await session.PostAsync("newsletter", r => { r.Headers.Add(OptinWebFactory.TestIpHeader, "203.0.113.7"); r.Headers.Add("X-Forwarded-For", "192.0.2.1"); },
            ("email", Some.Email("a")));
        var second = await session.PostAsync("newsletter", r => { r.Headers.Add(OptinWebFactory.TestIpHeader, "203.0.113.7"); r.Headers.Add("X-Forwarded-For", "192.0.2.2"); },
            ("email", Some.Email("b")));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    [Trait("Requirement", "ABU-2")]
    public async Task PerFormLimit_BotsDroppedByTheHoneypot_DoNotUseItUp()
    {
        using var app = Limited(perForm: 2);
        for (var i = 0; i < 3; i++)
        {
            // Bots from addresses of their own, each filling the honeypot: dropped before they are counted.
            var session = new FormSession(app.Client());
            await session.OpenAsync("/optin/forms/newsletter");
            var bot = await session.PostAsync("newsletter", r => r.Headers.Add(OptinWebFactory.TestIpHeader, $"198.51.100.{i + 10}"),
                ("email", Some.Email($"bot{i}")), ("consent.newsletter", "true"), ("website", "http://spam.example"));
            Assert.Equal(HttpStatusCode.SeeOther, bot.StatusCode);
        }

        var person = await PostFromAsync(app, "203.0.113.7", Some.Email("person"));

        Assert.Equal(HttpStatusCode.SeeOther, person.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-2")]
    public async Task Honeypot_Filled_AnswersSuccess_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"), ("website", "http://spam.example"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/merci", response.Headers.Location?.OriginalString);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-2")]
    public async Task TooFast_AnswersSuccess_AndStoresNothing_ButAHumanPaceIsAccepted()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:MinFillTime", "00:00:02"));
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        app.Clock.Advance(Duration.FromMilliseconds(1500));
        var fast = await session.PostAsync("newsletter", ("email", Some.Email("bot")), ("consent.newsletter", "true"));
        Assert.Equal(0, await app.ContactCountAsync());

        app.Clock.Advance(Duration.FromSeconds(1));
        var human = await session.PostAsync("newsletter", ("email", Some.Email("human")), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, fast.StatusCode);
        Assert.Equal(fast.Headers.Location, human.Headers.Location);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Theory]
    [Trait("Requirement", "ABU-2")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CfDJ8-forged-value")]
    public async Task FillTimeToken_MissingOrForged_AnswersSuccess_AndStoresNothing(string? value)
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:MinFillTime", "00:00:02"));
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        app.Clock.Advance(Duration.FromMinutes(1));
        if (value is null)
        {
            session.Hidden.Remove("__optin_rendered");
        }
        else
        {
            session.Hidden["__optin_rendered"] = value;
        }

        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-2")]
    public async Task FillTimeToken_OlderThanMaxFillTime_ShowsTheFormAgain_AndStoresNothing()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:MinFillTime", "00:00:02"));
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        app.Clock.Advance(Duration.FromDays(2));
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cette page a expiré", html);
        Assert.Contains("value=\"" + Some.Email() + "\"", html);
        Assert.DoesNotContain("checked", html);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-2")]
    public async Task FillTimeToken_FromAnotherForm_StoresNothing()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:MinFillTime", "00:00:02"));
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/contact");
        app.Clock.Advance(Duration.FromMinutes(1));
        await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-3")]
    public async Task Answers_DoNotVaryWithTheAddressState_Json()
    {
        using var app = new OptinWebFactory();
        async Task<(HttpStatusCode, string)> PostJsonAsync(string email)
        {
            var session = new FormSession(app.Client());
            await session.OpenAsync("/optin/forms/newsletter");
            var response = await session.PostAsync("newsletter", r => r.Headers.Accept.ParseAdd("application/json"),
                ("email", email), ("consent.newsletter", "true"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var fresh = await PostJsonAsync(Some.Email("new"));
        var pending = await PostJsonAsync(Some.Email("new"));

        Assert.Equal(HttpStatusCode.Accepted, fresh.Item1);
        Assert.Equal(fresh, pending);
    }
}
