using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Rules;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

public sealed class ContactOptinChangedRulesTests
{
    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task SetOptinInBulkAsync_Withdrawn_RaisesEventPerChangedContactAndCancelsTheirJobs()
    {
        using var flow = Flow.Start(configure: b => b.AddRules(r => r.When<ContactOptinChanged>("tag-bulk")
            .If(c => c.Purpose = "newsletter").Then("AddTag", new { Tag = "bulk-withdrawn" })));
        var jean = await flow.SubmitAsync();
        var anne = await flow.SubmitAsync("anne@exemple.fr");
        await flow.RunAsync();
        var service = flow.Services.GetRequiredService<ContactOptinService>();

        var result = await service.SetOptinInBulkAsync(new BulkOptinRequest(
            new ContactQuery { Purpose = "newsletter", State = OptinState.PendingConfirmation }, "newsletter", OptinState.Withdrawn,
            "claire", "salon list cleanup", "request of the persons, 2026-11-12"), default);
        await flow.RunAsync();
        flow.Advance(Duration.FromDays(3));
        await flow.RunAsync();

        Assert.Equal(2, result.Count);
        foreach (var id in new[] { jean.ContactId!.Value, anne.ContactId!.Value })
        {
            Assert.Contains("bulk-withdrawn", (await flow.Store.Contacts.FindAsync(id, default))!.Tags);
        }

        Assert.All((await flow.JobsAsync()).Where(j => j.RuleName == "remind-once"), j => Assert.Equal(JobStatus.Cancelled, j.Status));
        Assert.Equal(2, flow.Mail.Messages.Count);
    }
}
