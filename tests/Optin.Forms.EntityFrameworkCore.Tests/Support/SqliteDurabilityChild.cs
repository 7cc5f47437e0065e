using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The child of the durability test: a store on a SQLite file that commits contacts from four callers at once, for
/// ever, and prints each contact's id on its own line once its commit returned (its acknowledgment).
/// </summary>
internal static class SqliteDurabilityChild
{
    public const string Role = "sqlite-durability-child";

    public static async Task<int> RunAsync(string path)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(Some.Section()).UseClock(new FakeClock(Instant.FromUtc(2026, 11, 1, 9, 0)))
            .UseEntityFrameworkCore(o => o.UseSqlite($"Data Source={path}"));
        await using var provider = services.BuildServiceProvider();
        await OptinDatabaseInitializer.MigrateAsync(provider.GetRequiredService<IOptinDbContextSource>(), CancellationToken.None);
        var store = provider.GetRequiredService<IOptinStore>();
        var output = Console.Out;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var email = $"c{caller}.{i}@exemple.fr";
                var contact = new Contact
                {
                    Id = Guid.NewGuid(),
                    Email = email,
                    EmailKey = email,
                    CreatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
                    UpdatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
                    LastActivityAt = Instant.FromUtc(2026, 11, 1, 9, 0),
                };
                await using (var tx = await store.BeginTransactionAsync(CancellationToken.None))
                {
                    await tx.Contacts.SaveAsync(contact, CancellationToken.None);
                    await tx.CommitAsync(CancellationToken.None);
                }

                lock (gate)
                {
                    output.WriteLine(contact.Id.ToString("D"));
                    output.Flush();
                }
            }
        })));
        return 0;
    }
}
