using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Import;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Retention;
using Optin.Forms.Rules;
using Optin.Forms.Rules.Actions;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Templates;

namespace Optin.Forms.DependencyInjection;

/// <summary>Registers the rule engine, jobs, double opt-in, templates and mail.</summary>
internal static class EngineServices
{
    public static void Add(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RuleRegistry)))
        {
            return;
        }

        services.AddSingleton<RuleRegistry>();
        services.AddSingleton(RuleActionRegistration.For<SendDoubleOptinEmailAction>());
        services.AddSingleton(RuleActionRegistration.For<SendEmailAction>());
        services.AddSingleton(RuleActionRegistration.For<SetOptinAction>(nameof(ContactOptinChanged)));
        services.AddSingleton(RuleActionRegistration.For<SetFieldAction>());
        services.AddSingleton(RuleActionRegistration.For<AddTagAction>());
        services.AddSingleton(RuleActionRegistration.For<WaitAction>());
        services.AddSingleton(RuleActionRegistration.For<WebhookAction>());
        services.TryAddSingleton<WebhookAction>();
        services.TryAddSingleton<SendDoubleOptinEmailAction>();
        services.TryAddSingleton<SendEmailAction>();
        services.TryAddSingleton<SetOptinAction>();
        services.TryAddSingleton<SetFieldAction>();
        services.TryAddSingleton<AddTagAction>();
        services.TryAddSingleton<WaitAction>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OptinFormsOptions>, RulesOptionsValidator>());
        services.TryAddSingleton<RuleSetProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptinEventListener, RuleEngine>());

        OptinOptionsFactory<JobOptions>.Add(services).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());
        services.TryAddSingleton<JobSignal>();
        services.TryAddSingleton<DeadLetterService>();
        services.TryAddSingleton<JobWorkerHeartbeat>();
        services.TryAddSingleton(sp => new JobRunner(sp.GetRequiredService<IOptinStore>(), sp.GetRequiredService<IClock>(), sp,
            sp.GetRequiredService<RuleRegistry>(), sp.GetRequiredService<IOptions<JobOptions>>(), sp.GetRequiredService<ILogger<JobRunner>>(),
            sp.GetRequiredService<OptinMetrics>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnconfirmedSweepService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetentionSweepService>());
        services.TryAddSingleton<Consent.LedgerChainService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Consent.LedgerCheckpointService>());

        services.TryAddSingleton<EmailRenderer>();
        services.TryAddSingleton<EmailDispatcher>();
        services.TryAddSingleton<ConfirmationIssuer>();
        services.TryAddSingleton(sp => OptinMetrics.Attach(ActivatorUtilities.CreateInstance<DoubleOptinService>(sp), sp));
        services.TryAddSingleton<IDoubleOptinService>(sp => sp.GetRequiredService<DoubleOptinService>());
        services.TryAddSingleton<Preferences.PreferenceService>();
        services.TryAddSingleton<Preferences.IPreferenceService>(sp => sp.GetRequiredService<Preferences.PreferenceService>());
        services.TryAddSingleton<DoubleOptinRequestService>();
        services.TryAddSingleton(sp => OptinMetrics.Attach(new UnconfirmedSweeper(sp.GetRequiredService<IOptinStore>(),
            sp.GetRequiredService<IClock>(), sp.GetRequiredService<IFormCatalogProvider>(), sp.GetServices<IOptinEventListener>(),
            sp.GetRequiredService<IOptions<OptinFormsOptions>>(), sp.GetRequiredService<ILogger<UnconfirmedSweeper>>(),
            sp.GetRequiredService<IMailSender>()), sp));
        services.TryAddSingleton<SuppressionList>();
        services.TryAddSingleton<Deliverability.DeliverabilityService>(); // bounces and complaints
        services.TryAddSingleton<Deliverability.IDeliveryReportProcessor, Deliverability.DeliveryReportProcessor>();
        services.TryAddSingleton<RetentionSweeper>();
        services.TryAddSingleton<ProofArchive>(); // RET-4
        services.TryAddSingleton<ContactImportService>();
        services.TryAddSingleton<Statistics.ViewCounter>(); // counting without tracking (the back office's overview)
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Statistics.ViewCountFlushService>());
        services.TryAddSingleton<Statistics.StatisticsService>();

        services.TryAddSingleton<InMemoryMailSender>();
        services.TryAddSingleton<PickupDirectoryMailSender>();
        services.TryAddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Mail.Sender switch
        {
            MailSenderKind.InMemory => sp.GetRequiredService<InMemoryMailSender>(),
            MailSenderKind.Smtp => throw new InvalidOperationException(
                "OptinForms:Mail:Sender is Smtp: add the Optin.Forms.MailKit package and call UseSmtp()."),
            _ => sp.GetRequiredService<PickupDirectoryMailSender>(),
        });
    }
}
