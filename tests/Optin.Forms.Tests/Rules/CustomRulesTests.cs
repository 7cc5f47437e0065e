using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rules;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

public sealed class CustomRulesTests
{
    [Fact]
    public async Task AddRules_WithHostActionAndCondition_RunsThemAsJobs()
    {
        using var flow = Flow.Start(configure: b => b
            .AddAction<RecordCrmAction>()
            .AddCondition<CompanyDomainCondition>()
            .AddRules(r => r.When<FormSubmitted>("to-crm").ForForms("contact")
                .If(c => c.Custom["CompanyDomain"] = new() { ["Value"] = "exemple.fr" })
                .Then("AddTag", new { Tag = "prospect" })
                .Wait(TimeSpan.FromHours(1))
                .Then("RecordCrm", new { Pipeline = "B2B" })));
        var crm = flow.Services.GetRequiredService<RecordCrmAction>();

        var result = await flow.SubmitAsync(form: "contact");
        await flow.SubmitAsync("anne@ailleurs.example", form: "contact");
        await flow.RunAsync();

        Assert.Empty(crm.Recorded);
        var contact = await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default);
        Assert.Contains("prospect", contact!.Tags);
        flow.Advance(NodaTime.Duration.FromHours(1));
        await flow.RunAsync();
        Assert.Equal([(result.ContactId.Value, "B2B")], crm.Recorded.ToArray());
    }

    [Fact]
    public void AddOptinForms_Resolves_DoubleOptinServiceRunnerWorkerAndSweeps()
    {
        using var services = Some.Services(out _, Flow.Settings());

        Assert.IsType<DoubleOptinService>(services.GetRequiredService<IDoubleOptinService>());
        Assert.NotNull(services.GetRequiredService<JobRunner>());
        Assert.IsType<PickupDirectoryMailSender>(services.GetRequiredService<IMailSender>());
        Assert.Equal(5, services.GetServices<IHostedService>().Count()); // worker, unconfirmed and retention sweeps, ledger checkpoint (LEDG-1), view counts
    }

    [Fact]
    public async Task HostedWorker_AfterSubmission_SendsWithoutAnyoneCallingTheRunner()
    {
        var builder = Host.CreateApplicationBuilder();
        var accepted = new TaskCompletionSource<MimeKit.MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton(new SignallingSender(accepted));
        builder.Services.AddOptinForms(Some.Section(Flow.Settings())).UseMailSender<SignallingSender>();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var post = Some.Post("newsletter", ("email", "jean@exemple.fr"), ("consent.newsletter", "true"));
            await host.Services.GetRequiredService<Optin.Forms.Submissions.SubmissionPipeline>().SubmitAsync(post, default);

            var message = await accepted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("Confirmez votre inscription", message.Subject);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    internal sealed class RecordCrmAction : RuleAction<RecordCrmArgs>
    {
        public ConcurrentQueue<(Guid, string)> Recorded { get; } = new();

        protected override ValueTask<JobOutcome> ExecuteAsync(JobContext context, RecordCrmArgs args, CancellationToken cancellationToken)
        {
            Recorded.Enqueue((context.Job.ContactId!.Value, args.Pipeline!));
            return ValueTask.FromResult(JobOutcome.Done);
        }
    }

    internal sealed class RecordCrmArgs
    {
        [System.ComponentModel.DataAnnotations.Required]
        public string? Pipeline { get; set; }
    }

    internal sealed class CompanyDomainCondition : IRuleCondition
    {
        public bool Evaluate(RuleConditionContext context, IReadOnlyDictionary<string, string?> args) =>
            context.Contact?.Email.EndsWith("@" + args["Value"], StringComparison.OrdinalIgnoreCase) == true;
    }

    internal sealed class SignallingSender(TaskCompletionSource<MimeKit.MimeMessage> accepted) : IMailSender
    {
        public ValueTask SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
        {
            accepted.TrySetResult(message);
            return ValueTask.CompletedTask;
        }
    }
}
