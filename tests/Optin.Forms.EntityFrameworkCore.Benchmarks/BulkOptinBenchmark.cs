using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Benchmarks;

/// <summary>
/// Bulk opt-in of every contact tagged <c>salon</c> (all but the 2 % who objected), by the store's transaction and by the
/// contact service (the path an operator's request takes) against hand-written SQL (one INSERT … SELECT into the ledger
/// plus one UPDATE of the opt-ins) on the same data, alternately.
/// </summary>
internal static class BulkOptinBenchmark
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 12, 10, 0);

    public static async Task RunAsync(BenchDatabase db, int contacts, int rounds)
    {
        var seed = Stopwatch.StartNew();
        await SeedAsync(db, contacts);
        Console.WriteLine($"[{db.Name}] seeded {contacts:N0} contacts (tag, pending opt-in) in {seed.Elapsed.TotalSeconds:F1} s");
        var baseline = new List<double>();
        var store = new List<double>();
        var service = new List<double>();
        var peaks = new double[3];
        for (var round = 0; round < rounds; round++)
        {
            baseline.Add(await MeasureAsync(db, "baseline (hand-written SQL)", () => BaselineAsync(db), peaks, 0));
            store.Add(await MeasureAsync(db, "store.SetOptinInBulkAsync", () => StoreAsync(db), peaks, 1));
            service.Add(await MeasureAsync(db, "service.SetOptinInBulkAsync", () => ServiceAsync(db), peaks, 2));
        }

        Console.WriteLine($"[{db.Name}] bulk opt-in of {contacts:N0}: baseline best {baseline.Min():F2} s, store best {store.Min():F2} s "
            + $"(ratio {store.Min() / baseline.Min():F2}), service best {service.Min():F2} s (ratio {service.Min() / baseline.Min():F2}); "
            + "target <= 2.00");
        Console.WriteLine($"[{db.Name}] peak working set of a bulk opt-in of {contacts:N0}: baseline {peaks[0]:F0} MB, store {peaks[1]:F0} MB, "
            + $"service {peaks[2]:F0} MB (target < 300 MB)");
    }

    /// <summary>Runs one measurement; the highest working set seen goes to <paramref name="peaks"/>[<paramref name="index"/>].</summary>
    private static async Task<double> MeasureAsync(BenchDatabase db, string name, Func<Task<long>> run, double[] peaks, int index)
    {
        await ResetAsync(db);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        double seconds;
        long changed;
        double peak;
        await using (var sampler = new MemorySampler())
        {
            var stopwatch = Stopwatch.StartNew();
            changed = await run();
            seconds = stopwatch.Elapsed.TotalSeconds;
            await sampler.DisposeAsync();
            peak = sampler.PeakMegabytes;
        }

        peaks[index] = Math.Max(peaks[index], peak);
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
        Console.WriteLine($"[{db.Name}] {name,-28} {seconds,7:F2} s  changed {changed:N0}  peak working set {peak:F0} MB  allocated {mb:F1} MB");
        return seconds;
    }

    private static async Task<long> StoreAsync(BenchDatabase db)
    {
        var store = db.Services.GetRequiredService<IOptinStore>();
        await using var tx = await store.BeginTransactionAsync(CancellationToken.None);
        var change = new BulkOptinChange("newsletter", OptinState.OptedIn, true, new ConsentEvent
        {
            Id = Guid.Empty, ContactId = Guid.Empty, Kind = ConsentEventKind.SetInBulk, State = OptinState.OptedIn, Method = ConsentMethod.Bulk,
            OccurredAt = At, PurposeId = "newsletter", Actor = "bench", Reason = "signed paper forms", LegalBasis = "consent (paper)",
        });
        var changed = await tx.Contacts.SetOptinInBulkAsync(new ContactQuery { Tag = "salon" }, change, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return changed;
    }

    /// <summary>The path an operator's bulk change takes: the contact service (no rule on ContactOptinChanged here).</summary>
    private static async Task<long> ServiceAsync(BenchDatabase db)
    {
        var service = db.Services.GetRequiredService<ContactOptinService>();
        var result = await service.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery { Tag = "salon" }, "newsletter",
            OptinState.OptedIn, "bench", "signed paper forms", "consent (paper)"), CancellationToken.None);
        return result.Succeeded ? result.Count : throw new InvalidOperationException(result.Description);
    }

    private static async Task<long> BaselineAsync(BenchDatabase db)
    {
        var at = At.ToUnixTimeMilliseconds();
        var newId = db.IsPostgres ? "gen_random_uuid()" : "upper(hex(randomblob(16)))";
        var no = db.IsPostgres ? "false" : "0";
        var sql = $"""
            INSERT INTO optin_consent_events (id, contact_id, kind, state, method, occurred_at, purpose_id, actor, reason, legal_basis)
            SELECT {newId}, c.id, 4, 2, 2, {at}, 'newsletter', 'bench', 'signed paper forms', 'consent (paper)'
            FROM optin_contacts c JOIN optin_contact_optins o ON o.contact_id = c.id AND o.purpose_key = 'newsletter'
            WHERE o.state <> 2 AND c.objected_to_marketing = {no}
              AND EXISTS (SELECT 1 FROM optin_contact_tags t WHERE t.contact_id = c.id AND t.tag = 'salon');
            UPDATE optin_contact_optins SET state = 2, changed_at = {at}
            WHERE purpose_key = 'newsletter' AND state <> 2 AND contact_id IN (SELECT c.id FROM optin_contacts c
              WHERE c.objected_to_marketing = {no} AND EXISTS (SELECT 1 FROM optin_contact_tags t WHERE t.contact_id = c.id AND t.tag = 'salon'))
            """;
        var rows = await db.SqlAsync(sql, inTransaction: true);
        return rows / 2;
    }

    private static async Task ResetAsync(BenchDatabase db)
    {
        await db.SqlAsync("DELETE FROM optin_consent_events");
        await db.SqlAsync("UPDATE optin_contact_optins SET state = 1, changed_at = 0");
        await db.SqlAsync(db.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE");
    }

    private static async Task SeedAsync(BenchDatabase db, int contacts)
    {
        var at = At.ToUnixTimeMilliseconds() - 86_400_000;
        if (db.IsPostgres)
        {
            await db.SqlAsync($"""
                INSERT INTO optin_contacts (id, kind, email, email_key, objected_to_marketing, created_at, updated_at, last_activity_at)
                SELECT gen_random_uuid(), 0, 'p' || n || '@exemple.fr', 'p' || n || '@exemple.fr', n % 50 = 0, {at}, {at}, {at}
                FROM generate_series(1, {contacts}) AS n
                """);
        }
        else
        {
            await db.SqlAsync($"""
                WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {contacts})
                INSERT INTO optin_contacts (id, kind, email, email_key, objected_to_marketing, created_at, updated_at, last_activity_at)
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a'
                  || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                  0, 'p' || n || '@exemple.fr', 'p' || n || '@exemple.fr', n % 50 = 0, {at}, {at}, {at} FROM s
                """);
        }

        await db.SqlAsync("INSERT INTO optin_contact_tags (contact_id, tag) SELECT id, 'salon' FROM optin_contacts");
        await db.SqlAsync($"INSERT INTO optin_contact_optins (contact_id, purpose_key, purpose_id, state, changed_at) SELECT id, 'newsletter', 'newsletter', 1, {at} FROM optin_contacts c WHERE NOT EXISTS (SELECT 1 FROM optin_contact_optins o WHERE o.contact_id = c.id)");
        await db.SqlAsync(db.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE");
    }
}
