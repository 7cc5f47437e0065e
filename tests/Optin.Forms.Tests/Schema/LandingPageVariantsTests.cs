using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>#19: A/B variants of a landing page, declared in configuration and checked at start.</summary>
public sealed class LandingPageVariantsTests
{
    internal static Dictionary<string, string?> WithVariants(Dictionary<string, string?>? settings = null)
    {
        var s = settings ?? Some.Settings();
        s["OptinForms:Templates:salon-a:Html"] = "<h1>Variante A</h1>{{ form }}";
        s["OptinForms:Templates:salon-b:Html"] = "<h1>Variante B</h1>{{ form }}";
        s["OptinForms:LandingPages:salon:Variants:a:Weight"] = "30";
        s["OptinForms:LandingPages:salon:Variants:a:Template"] = "salon-a";
        s["OptinForms:LandingPages:salon:Variants:b:Weight"] = "70";
        s["OptinForms:LandingPages:salon:Variants:b:Template"] = "salon-b";
        s["OptinForms:LandingPages:salon:Variants:b:Form"] = "contact";
        return s;
    }

    private static string[] Failures(Dictionary<string, string?> settings)
    {
        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Compile_Variants_KeepWeightTemplateAndForm_ThePageFormByDefault()
    {
        using var services = Some.Services(out _, WithVariants());
        var page = services.GetRequiredService<IFormCatalogProvider>().Current.LandingPages["salon"];

        Assert.Equal(["a", "b"], page.Variants.Select(v => v.Id));
        Assert.Equal([30, 70], page.Variants.Select(v => v.Weight));
        Assert.Equal("newsletter", page.FindVariant("A")!.Form.Id);
        Assert.Equal("contact", page.FindVariant("b")!.Form.Id);
        Assert.Contains("Variante B", page.As(page.FindVariant("b")!).TemplateHtml.Get("fr", "fr"), StringComparison.Ordinal);
        Assert.True(page.Holds("contact"));
        Assert.False(page.Holds("other"));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_BadVariants_EveryProblemListedWithItsPathAndTheClosestName()
    {
        var settings = WithVariants();
        settings["OptinForms:LandingPages:salon:Variants:b:Form"] = "contcat";
        settings["OptinForms:LandingPages:salon:Variants:a:Template"] = "salon-c";
        settings["OptinForms:LandingPages:salon:Variants:-x:Weight"] = "20000";
        settings["OptinForms:LandingPages:salon:Variants:d:Template"] = "salon-a";
        settings["OptinForms:LandingPages:salon:Variants:d:Colour"] = "red";

        var failures = Failures(settings);

        Assert.Contains("OptinForms:LandingPages:salon:Variants:b:Form: the form 'contcat' is not declared under OptinForms:Forms (did you mean 'contact'?)", failures);
        Assert.Contains("OptinForms:LandingPages:salon:Variants:a:Template: the template 'salon-c' is not declared under OptinForms:Templates (did you mean 'salon-a'?)", failures);
        Assert.Contains("OptinForms:LandingPages:salon:Variants:-x: a variant id uses letters, digits, '-' and '_' only, up to 32 characters", failures);
        Assert.Contains("OptinForms:LandingPages:salon:Variants:-x:Weight: the weight 20000 is not allowed: use a whole number from 0 (paused) to 10000", failures);
        Assert.Contains("OptinForms:LandingPages:salon:Variants:d:Weight: a variant needs a Weight (for example 50; 0 pauses it)", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:LandingPages:salon:Variants:d:Colour", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_EveryVariantPaused_IsRefused()
    {
        var settings = WithVariants();
        settings["OptinForms:LandingPages:salon:Variants:a:Weight"] = "0";
        settings["OptinForms:LandingPages:salon:Variants:b:Weight"] = "0";

        Assert.Contains("OptinForms:LandingPages:salon:Variants: every variant has the weight 0: give at least one a weight above 0", Failures(settings));
    }

    [Theory]
    [Trait("Requirement", "CFG-1")]
    [InlineData("__optin_variant")]
    [InlineData("__optin_utm_source")]
    public void Start_FieldNamedLikeAnAttribution_IsRefused(string name)
    {
        var settings = Some.Settings();
        settings["OptinForms:Forms:newsletter:Fields:9:Name"] = name;
        settings["OptinForms:Forms:newsletter:Fields:9:Kind"] = "Hidden";

        // The list's third item (configuration lists are read in order, gaps closed).
        Assert.Contains("OptinForms:Forms:newsletter:Fields:2:Name: a field name starts with a letter and uses letters, digits, '-' and '_' only, " +
            "up to 64 characters", Failures(settings));
    }

    [Fact]
    public void ChooseVariant_ManyDraws_FollowTheWeights_AndNeverAPausedOne()
    {
        var settings = WithVariants();
        settings["OptinForms:LandingPages:salon:Variants:paused:Weight"] = "0";
        using var services = Some.Services(out _, settings);
        var page = services.GetRequiredService<IFormCatalogProvider>().Current.LandingPages["salon"];
        var random = new Random(20261203);
        const int draws = 100_000;

        var counts = Enumerable.Range(0, draws).Select(_ => page.ChooseVariant(random)!.Id).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        // 30 % and 70 %: one standard deviation is 0.145 % of the draws; the bounds are about 7 of them.
        Assert.InRange(counts["a"] / (double)draws, 0.29, 0.31);
        Assert.InRange(counts["b"] / (double)draws, 0.69, 0.71);
        Assert.False(counts.ContainsKey("paused"));
    }
}
