using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;

namespace Optin.Forms.Cli;

/// <summary>
/// <c>optin verify</c> and <c>optin checkpoint</c> (LEDG-1): recompute the ledger's hash chains (one contact or all,
/// optionally against a checkpoint file), and write a checkpoint of every chain head to keep outside the database.
/// </summary>
internal static class LedgerCommand
{
    /// <summary>The exit code of a verification that found a broken chain.</summary>
    public const int Broken = 4;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verify = args[0] == "verify";
        string? connection = null, output = null, checkpointFile = null;
        Guid? contactId = null;
        var files = new List<string>();
        var unknown = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--settings" when value is not null: files.Add(value); i++; break;
                case "--connection" when value is not null: connection = value; i++; break;
                case "--contact" when verify && Guid.TryParse(value, out var id): contactId = id; i++; break;
                case "--checkpoint" when verify && value is not null: checkpointFile = value; i++; break;
                case "--out" when !verify && value is not null: output = value; i++; break;
                default: unknown.Add(args[i]); break;
            }
        }

        if (files.Count == 0 || unknown.Count > 0)
        {
            await stderr.WriteLineAsync($"optin {args[0]}: --settings is required{(unknown.Count > 0 ? "; unexpected: " + string.Join(' ', unknown) : "")}");
            return OptinCommand.Usage;
        }

        LedgerCheckpoint? checkpoint = null;
        if (checkpointFile is not null)
        {
            try
            {
                await using var stream = File.OpenRead(checkpointFile);
                checkpoint = await LedgerCheckpoint.ReadJsonAsync(stream, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await stderr.WriteLineAsync($"optin: cannot use the checkpoint {checkpointFile}: {ex.Message}");
                return OptinCommand.Usage;
            }
        }

        var (provider, exitCode) = await StoreEngine.OpenAsync(files, connection, migrate: false, stdout, stderr);
        if (provider is null)
        {
            return exitCode;
        }

        await using var services = provider;
        var chains = services.GetRequiredService<LedgerChainService>();
        try
        {
            if (!verify)
            {
                var taken = await chains.CheckpointAsync(CancellationToken.None);
                await using Stream stream = output is null ? new MemoryStream() : File.Create(output);
                await taken.WriteJsonAsync(stream, CancellationToken.None);
                if (stream is MemoryStream buffer)
                {
                    await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else
                {
                    await stdout.WriteLineAsync($"Checkpoint {taken.Digest} over {taken.Heads.Count} chain head(s) written to {output}.");
                }

                return OptinCommand.Ok;
            }

            var report = await chains.VerifyAsync(contactId, checkpoint, CancellationToken.None);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                intact = report.IsIntact,
                contacts = report.Contacts,
                entries = report.Entries,
                unchained = report.Unchained,
                checkpoint = checkpoint is null ? null : new { createdAt = checkpoint.CreatedAt.ToString(), digest = checkpoint.Digest },
                firstBroken = report.FirstBroken is { } first ? Problem(first) : null,
                problems = report.Problems.Select(Problem),
            }, Indented));
            if (report.FirstBroken is { } broken)
            {
                await stderr.WriteLineAsync($"optin: the ledger chain is broken: contact {broken.ContactId}, "
                    + $"{(broken.Sequence is { } s ? "sequence " + s : "after its last entry")}: {broken.Kind}. {broken.Detail}");
                return Broken;
            }

            return OptinCommand.Ok;
        }
#pragma warning disable CA1031 // The command line reports any store failure as a message and an exit code, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"optin: the store failed: {ex.GetBaseException().Message}");
            return OptinCommand.Failed;
        }
    }

    private static object Problem(ChainProblem p) =>
        new { contactId = p.ContactId, sequence = p.Sequence, kind = p.Kind.ToString(), detail = p.Detail };
}
