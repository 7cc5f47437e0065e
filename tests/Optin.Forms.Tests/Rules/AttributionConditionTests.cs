using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>#19: LandingPageIs, VariantIs and SourceIs, checked at start like every condition.</summary>
public sealed class AttributionConditionTests
{
    private static Dictionary<string, string?> WithRule(string when, params (string Key, string Value)[] conditions)
    {
        var settings = LandingPageVariantsTests.WithVariants(Flow.Settings());
        settings["OptinForms:Rules:4:Name"] = "salon-b";
        settings["OptinForms:Rules:4:When"] = when;
        foreach (var (key, value) in conditions)
        {
            settings[$"OptinForms:Rules:4:If:{key}"] = value;
        }

        settings["OptinForms:Rules:4:Then:0:Action"] = "AddTag";
        settings["OptinForms:Rules:4:Then:0:Args:Tag"] = "salon";
        return settings;
    }

    private static string[] Failures(Dictionary<string, string?> settings)
    {
        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    private static void Loads(Dictionary<string, string?> settings)
    {
        using var services = Some.Services(out _, settings);
        Assert.Equal(5, services.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Rules.Count);
    }

    [Theory]
    [Trait("Requirement", "AUTH-1")]
    [InlineData("FormSubmitted")]
    [InlineData("OptinConfirmed")]
    [InlineData("DoubleOptinExpired")]
    public void Start_TheThreeConditions_OnTheEventsThatFollowASubmission_Load(string when) =>
        Loads(WithRule(when, ("LandingPageIs", "salon"), ("VariantIs", "b"), ("SourceIs", "flyer")));

    [Theory]
    [Trait("Requirement", "AUTH-1")]
    [InlineData("LandingPageIs", "salon", "landing page")]
    [InlineData("VariantIs", "b", "landing page and attribution (variant, utm_source, referrer)")]
    [InlineData("SourceIs", "flyer", "attribution (variant, utm_source, referrer)")]
    public void Start_OnAnEventWithoutASubmission_IsRefusedNamingTheEventsItWorksOn(string condition, string value, string missing)
    {
        var failures = Failures(WithRule("OptinWithdrawn", (condition, value)));

        Assert.Contains($"OptinForms:Rules[salon-b] (position 4):If:{condition}: the condition {condition} '{value}' can never match on OptinWithdrawn: " +
            $"that event carries no {missing}. {condition} can be used on FormSubmitted, OptinConfirmed, DoubleOptinExpired", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_UnknownLandingPageOrVariant_IsRefusedWithTheClosestName()
    {
        var failures = Failures(WithRule("FormSubmitted", ("LandingPageIs", "salom")));
        Assert.Contains("OptinForms:Rules[salon-b] (position 4):If:LandingPageIs: the landing page 'salom' is not declared (did you mean 'salon'?)", failures);

        failures = Failures(WithRule("FormSubmitted", ("LandingPageIs", "salon"), ("VariantIs", "B2")));
        Assert.Contains("OptinForms:Rules[salon-b] (position 4):If:VariantIs: the variant 'B2' is not declared on the landing page 'salon' " +
            "(did you mean 'b'?); the variants are: a, b", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_SourceThatCouldNeverBeKept_IsRefused()
    {
        var failures = Failures(WithRule("FormSubmitted", ("SourceIs", "jean@exemple.fr")));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[salon-b] (position 4):If:SourceIs: 'jean@exemple.fr' can never be a source", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("flyer", null, "flyer", true)]
    [InlineData("flyer", "news.example.org", "news.example.org", false)] // a utm_source wins over the referrer
    [InlineData(null, "www.news.example.org", "news.example.org", true)] // a subdomain of the host
    [InlineData(null, "badnews.example.org", "news.example.org", false)]
    [InlineData(null, null, "flyer", false)]
    public void SourceMatches_UtmSourceThenReferrerHost(string? utm, string? host, string wanted, bool expected) =>
        Assert.Equal(expected, ConditionCompiler.SourceMatches(new SubmissionAttribution { UtmSource = utm, ReferrerHost = host }, wanted));
}
