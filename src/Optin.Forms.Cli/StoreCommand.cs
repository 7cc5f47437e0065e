using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Contacts;
using Optin.Forms.Import;
using Optin.Forms.Retention;

namespace Optin.Forms.Cli;

/// <summary><c>optin import</c> and <c>optin retention</c>: the engine's services run against the site's store.</summary>
internal static class StoreCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string help)
    {
        var parsed = StoreArguments.Parse(args);
        if (parsed.Error is { } error)
        {
            await stderr.WriteLineAsync($"optin: {error}");
            await stderr.WriteLineAsync(help);
            return OptinCommand.Usage;
        }

        if (parsed.Csv is { } csv && !File.Exists(csv))
        {
            await stderr.WriteLineAsync($"optin: no such file: {csv}");
            return OptinCommand.Usage;
        }

        var (opened, exitCode) = await StoreEngine.OpenAsync(parsed.Settings, null, parsed.Migrate, stdout, stderr);
        if (opened is null)
        {
            return exitCode;
        }

        await using var services = opened;
        try
        {
            _ = services.GetRequiredService<IOptions<OptinFormsOptions>>().Value;
            await StoreEngine.StartStoreAsync(services, CancellationToken.None);
            return parsed.Csv is null
                ? await RetentionAsync(services, parsed.DryRun, stdout)
                : await ImportAsync(services, parsed, stdout);
        }
#pragma warning disable CA1031 // The command line reports any store failure as a message and an exit code, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"optin: the store failed: {ex.GetBaseException().Message}");
            return OptinCommand.Failed;
        }
    }

    private static async Task<int> ImportAsync(ServiceProvider services, StoreArguments parsed, TextWriter stdout)
    {
        var request = new ContactImportRequest
        {
            Source = parsed.Source!,
            Actor = parsed.Actor!,
            FormId = parsed.Form,
            Kind = parsed.Kind ?? ContactKind.Lead,
            RequestDoubleOptinFor = parsed.RequestDoubleOptin,
            Culture = parsed.Culture,
            DryRun = parsed.DryRun,
        };
        await using var file = File.OpenRead(parsed.Csv!);
        var report = await services.GetRequiredService<ContactImportService>().ImportAsync(file, request, CancellationToken.None);
        if (report.Refused is { } refused)
        {
            await stdout.WriteLineAsync($"Refused: {refused.Code} {refused.Message}");
            return OptinCommand.Failed;
        }

        await stdout.WriteLineAsync($"Import of {request.Source} by {request.Actor}{(report.DryRun ? " (dry run: nothing stored)" : "")}");
        await stdout.WriteLineAsync($"  imported: {report.Imported}");
        await stdout.WriteLineAsync($"  updated: {report.Updated}");
        await stdout.WriteLineAsync($"  skipped, suppressed: {report.SkippedSuppressed}");
        await stdout.WriteLineAsync($"  invalid: {report.InvalidCount}");
        foreach (var row in report.Invalid)
        {
            await stdout.WriteLineAsync($"    line {row.Line}: {row.Code} {row.Message}");
        }

        if (request.RequestDoubleOptinFor is not null)
        {
            await stdout.WriteLineAsync($"  double opt-in requested: {report.DoubleOptinRequested} (sent by the site's job worker)");
        }

        if (report.IgnoredColumns.Length > 0)
        {
            await stdout.WriteLineAsync($"  ignored columns: {string.Join(", ", report.IgnoredColumns)}");
        }

        return OptinCommand.Ok;
    }

    private static async Task<int> RetentionAsync(ServiceProvider services, bool dryRun, TextWriter stdout)
    {
        var report = await services.GetRequiredService<RetentionSweeper>().SweepAsync(dryRun, CancellationToken.None);
        await stdout.WriteLineAsync($"Retention sweep{(report.DryRun ? " (dry run: nothing erased)" : "")}: "
            + $"{report.Examined} prospect(s) examined, {report.Erased} {(report.DryRun ? "to erase" : "erased")}, {report.Kept} kept.");
        // RET-4: what the library itself keeps.
        await stdout.WriteLineAsync($"  consent proofs archived: {report.Archived}; deleted: {report.FinishedJobsDeleted} finished job(s), "
            + $"{report.TombstonesDeleted} tombstone(s), {report.ArchivedProofsDeleted} expired archived proof(s).");
        return OptinCommand.Ok;
    }
}
