using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using Optin.Forms.Mail;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

public sealed class ExampleConfigurationTests
{
    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void AddOptinForms_SampleAppSettings_LoadsRulesTemplatesDoubleOptinAndMail()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Support", "example-appsettings.json"))
            // The sketch names a landing page template "salon" without declaring it, a dangling reference (CFG-1);
            // the sample declares it, and so does this layer.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OptinForms:Templates:salon:Html"] = "{{ form }}" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(configuration.GetSection("OptinForms")).UseClock(new FakeClock(Some.Now));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OptinFormsOptions>>().Value;

        Assert.Equal(["double-opt-in", "remind-once", "welcome", "notify-sales"], options.Rules.Select(r => r.Name ?? string.Empty).ToArray());
        Assert.Equal(["newsletter", "contact"], options.Rules[0].Forms.ToArray());
        Assert.Equal("true", options.Rules[1].Then[1].Args["OnlyIfPending"], ignoreCase: true);
        Assert.Equal(TimeSpan.FromDays(14), options.DoubleOptin.DeleteUnconfirmedAfter);
        Assert.Equal(5, options.DoubleOptin.MaxSendsPerAddressPerDay);
        Assert.Equal("/merci-confirmation", options.DoubleOptin.ConfirmedPage);
        Assert.Equal("Atelier Dupont <bonjour@atelier-dupont.example>", options.Mail.From);
        Assert.Equal(MailSenderKind.Pickup, options.Mail.Sender);
        Assert.Equal("App_Data/mail", options.Mail.PickupDirectory);
    }
}
