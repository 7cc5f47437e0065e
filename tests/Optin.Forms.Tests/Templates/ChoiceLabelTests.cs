using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

/// <summary>A choice field appears in emails as its option's label in the email's culture, its value still at hand.</summary>
public sealed class ChoiceLabelTests
{
    private static Flow Start(Action<Dictionary<string, string?>>? amend = null) => Flow.Start(s =>
    {
        s["OptinForms:Forms:contact:Fields:2:Name"] = "topic";
        s["OptinForms:Forms:contact:Fields:2:Kind"] = "Select";
        s["OptinForms:Forms:contact:Fields:2:Options:0:Value"] = "it";
        s["OptinForms:Forms:contact:Fields:2:Options:0:Label:fr"] = "Informatique";
        s["OptinForms:Forms:contact:Fields:2:Options:0:Label:en"] = "Computing";
        s["OptinForms:Forms:contact:Fields:2:Options:1:Value"] = "wood";
        s["OptinForms:Forms:contact:Fields:2:Options:1:Label:fr"] = "Menuiserie";
        amend?.Invoke(s);
    });

    private static async Task PostAsync(Flow flow, string culture)
    {
        var post = Some.Post("contact", ("email", "jean.dupont@exemple.fr"), ("message", "Un devis ?"), ("topic", "it"));
        post = post with { Context = post.Context with { Culture = culture } };
        Assert.True((await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default)).Succeeded);
        await flow.RunAsync();
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task Notification_DefaultTemplate_ShowsTheOptionsLabelInTheEmailsCulture()
    {
        using var flow = Start();

        await PostAsync(flow, "fr");

        var notification = Assert.Single(flow.Mail.Messages, m => m.To.Mailboxes.Single().Address == "ventes@atelier-dupont.example");
        Assert.Contains("topic : Informatique", notification.TextBody, StringComparison.Ordinal);
        Assert.Contains("<td>Informatique</td>", notification.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("topic : it", notification.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task Notification_ValuesKeepThePostedValue()
    {
        using var flow = Start(s =>
        {
            s["OptinForms:Templates:owner-notification:Subject"] = "{{ Fields.topic }}";
            s["OptinForms:Templates:owner-notification:Html"] = "<p>{{ Fields.topic }} ({{ Values.topic }})</p>";
            s["OptinForms:Templates:owner-notification:Text"] = "{{ Fields.topic }} ({{ Values.topic }})";
        });

        await PostAsync(flow, "en");

        var notification = Assert.Single(flow.Mail.Messages, m => m.To.Mailboxes.Single().Address == "ventes@atelier-dupont.example");
        Assert.Equal("Computing", notification.Subject);
        Assert.Equal("Computing (it)", notification.TextBody?.Trim());
    }
}
