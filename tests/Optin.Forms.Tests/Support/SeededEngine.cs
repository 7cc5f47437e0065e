using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Retention;
using Optin.Forms.Storage;


namespace Optin.Forms.Tests.Support;

/// <summary>The engine on a fake clock with recorded logs, and helpers to seed contacts directly in the store.</summary>
internal sealed class SeededEngine : IDisposable
{
    private SeededEngine(ServiceProvider services, FakeClock clock, LogRecorder log)
    {
        Services = services;
        Clock = clock;
        Log = log;
    }

    public ServiceProvider Services { get; }

    public FakeClock Clock { get; }

    public LogRecorder Log { get; }

    public IOptinStore Store => Services.GetRequiredService<IOptinStore>();

    public RetentionSweeper Sweeper => Services.GetRequiredService<RetentionSweeper>();

    public static SeededEngine Start(params (string Key, string? Value)[] changes)
    {
        var settings = Schema.StartupValidationTests.With(changes);
        var clock = new FakeClock(Some.Now);
        var log = new LogRecorder();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        services.AddOptinForms(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("OptinForms")).UseClock(clock);
        return new SeededEngine(services.BuildServiceProvider(), clock, log);
    }

    public async Task<Contact> SeedAsync(string email, ContactKind kind = ContactKind.Lead, Instant? lastActivity = null,
        params (string Purpose, OptinState State)[] optins)
    {
        var at = lastActivity ?? Clock.GetCurrentInstant();
        var contact = new Contact
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Email = email,
            EmailKey = email.ToLowerInvariant(),
            Fields = ImmutableDictionary<string, string>.Empty.Add("firstName", "Jean"),
            CreatedAt = at,
            UpdatedAt = at,
            LastActivityAt = at,
        };
        foreach (var (purpose, state) in optins)
        {
            contact = contact.WithOptin(purpose, state, at);
        }

        await using var tx = await Store.BeginTransactionAsync(default);
        await tx.Contacts.SaveAsync(contact, default);
        await tx.CommitAsync(default);
        return contact;
    }

    public async Task<SuppressionEntry?> SuppressionAsync(string emailKey)
    {
        await using var tx = await Store.BeginTransactionAsync(default);
        return await tx.Suppression.FindAsync(await HashAsync(tx, emailKey), default);
    }

    /// <summary>The suppression key of <paramref name="emailKey"/>, with the store's key, read through <paramref name="tx"/>.</summary>
    public ValueTask<string> HashAsync(IOptinTransaction tx, string emailKey) =>
        AddressHasher.HashAsync(tx, Services.GetRequiredService<IOptions<OptinFormsOptions>>().Value, emailKey, default);

    /// <summary>The suppression key of <paramref name="emailKey"/> (in a transaction of its own).</summary>
    public async Task<string> HashAsync(string emailKey)
    {
        await using var tx = await Store.BeginTransactionAsync(default);
        var hash = await HashAsync(tx, emailKey);
        await tx.CommitAsync(default);
        return hash;
    }

    public async Task<bool> ExistsAsync(Contact contact) => await Store.Contacts.FindAsync(contact.Id, default) is not null;

    public void Dispose() => Services.Dispose();
}
