using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rules;

namespace Optin.Forms.DependencyInjection;

/// <content>Rules, actions, conditions, mail senders and jobs.</content>
public sealed partial class OptinFormsBuilder
{
    /// <summary>Declares rules in C# (<c>r.When&lt;FormSubmitted&gt;().If(…).Then(…)</c>), added after those of configuration.</summary>
    public OptinFormsBuilder AddRules(Action<RulesBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Configure(options => configure(new RulesBuilder(options.Rules)));
    }

    /// <summary>Adds an action rules can name; its name is the class name without the <c>Action</c> suffix.</summary>
    public OptinFormsBuilder AddAction<TAction>()
        where TAction : class, IRuleAction
    {
        Services.TryAddSingleton<TAction>();
        Services.AddSingleton(RuleActionRegistration.For<TAction>());
        return this;
    }

    /// <summary>
    /// Adds a condition rules can name in <c>If</c>; its name is the class name without the <c>Condition</c> suffix. Mark
    /// it with <see cref="RuleConditionNeedsAttribute"/> when it reads data only some events carry.
    /// </summary>
    public OptinFormsBuilder AddCondition<TCondition>()
        where TCondition : class, IRuleCondition
    {
        Services.TryAddSingleton<TCondition>();
        var needs = typeof(TCondition).GetCustomAttributes(typeof(RuleConditionNeedsAttribute), inherit: true)
            .OfType<RuleConditionNeedsAttribute>().FirstOrDefault()?.Needs ?? EventData.None;
        Services.AddSingleton(new RuleConditionRegistration(RuleActionRegistration.NameOf(typeof(TCondition), "Condition"), typeof(TCondition), needs));
        return this;
    }

    /// <summary>Uses <typeparamref name="TSender"/> to send mail.</summary>
    public OptinFormsBuilder UseMailSender<TSender>()
        where TSender : class, IMailSender
    {
        Services.TryAddSingleton<TSender>();
        Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<TSender>()));
        return this;
    }

    /// <summary>Keeps mail in memory (tests); resolve <see cref="InMemoryMailSender"/> to read it.</summary>
    public OptinFormsBuilder UseInMemoryMailSender() => UseMailSender<InMemoryMailSender>();

    /// <summary>Writes mail as <c>.eml</c> files in <paramref name="directory"/> (or <c>OptinForms:Mail:Pickup:Directory</c>).</summary>
    public OptinFormsBuilder UsePickupDirectory(string? directory = null)
    {
        if (directory is not null)
        {
            Configure(options => options.Mail.PickupDirectory = directory);
        }

        return UseMailSender<PickupDirectoryMailSender>();
    }

    /// <summary>Amends how the job worker polls, leases and retries.</summary>
    public OptinFormsBuilder ConfigureJobs(Action<JobOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
