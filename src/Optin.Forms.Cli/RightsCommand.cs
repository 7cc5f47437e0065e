using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Retention;
using Optin.Forms.Rights;

namespace Optin.Forms.Cli;

/// <summary>
/// <c>optin export</c> (JSON, <c>--portable</c>, <c>--evidence json|html</c>, or <c>--access</c> for the Art. 15 answer as
/// HTML, in <c>--culture fr|en</c>) and <c>optin erase</c>: the data subject's rights on the configured EF Core store
/// (<c>OptinForms:Storage:Provider</c> <c>Sqlite</c> or <c>PostgreSql</c>, <c>ConnectionStrings:Optin</c>), with the
/// same configuration as the site, so that the suppression hash uses the site's <c>DoubleOptin:HashKey</c>.
/// </summary>
internal static class RightsCommand
{
    public const int NotFound = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 3 || !Guid.TryParse(args[1], out var contactId))
        {
            await stderr.WriteLineAsync("optin: expected a contact id and --settings <appsettings.json>");
            return OptinCommand.Usage;
        }

        string? mode = null, actor = null, reason = null, connection = null, output = null, reference = null, culture = null;
        var files = new List<string>();
        var unknown = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--portable": mode = "portable"; break;
                case "--access": mode = "access"; break;
                case "--culture" when value is not null: culture = value; i++; break;
                case "--evidence" when value is "json" or "html": mode = "evidence-" + value; i++; break;
                case "--actor" when value is not null: actor = value; i++; break;
                case "--reason" when value is not null: reason = value; i++; break;
                case "--reference" when value is not null: reference = value; i++; break;
                case "--connection" when value is not null: connection = value; i++; break;
                case "--out" when value is not null: output = value; i++; break;
                case "--settings" when value is not null: files.Add(value); i++; break;
                default: unknown.Add(args[i]); break;
            }
        }

        var erase = args[0] == "erase";
        if (args[0] == "archive")
        {
            // RET-4: the intermediate archive, read only here and through the admin endpoint.
            unknown.AddRange(mode is null ? [] : ["--portable or --evidence"]);
            mode = "archive";
        }

        if (files.Count == 0 || unknown.Count > 0
            || (erase && (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason) || mode is not null)))
        {
            await stderr.WriteLineAsync(erase ? "optin erase: --settings, --actor and --reason are required" : $"optin export: --settings is required{(unknown.Count > 0 ? "; unexpected: " + string.Join(' ', unknown) : "")}");
            return OptinCommand.Usage;
        }

        // The tombstone keeps a code and a ticket-like reference, never free text (DSR-5): checked before the store opens.
        var erasureReason = default(ErasureReason);
        if (erase && !ErasureReasons.TryParse(reason, out erasureReason))
        {
            await stderr.WriteLineAsync($"optin erase: --reason must be one of {string.Join(", ", Enum.GetValues<ErasureReason>().Select(ErasureReasons.Code))}");
            return OptinCommand.Usage;
        }

        if (erase && !ErasureReasons.IsValidReference(reference))
        {
            await stderr.WriteLineAsync($"optin erase: --reference is {ErasureReasons.ReferenceRule}");
            return OptinCommand.Usage;
        }

        var (provider, exitCode) = await StoreEngine.OpenAsync(files, connection, migrate: false, stdout, stderr);
        if (provider is null)
        {
            return exitCode;
        }

        await using var services = provider;
        try
        {
            return erase
                ? await EraseAsync(services, contactId, actor!, erasureReason, reference, stdout, stderr)
                : await ExportAsync(services, contactId, mode, culture, output, stdout, stderr);
        }
#pragma warning disable CA1031 // The command line reports any store failure as a message and an exit code, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"optin: the store failed: {ex.GetBaseException().Message}");
            return OptinCommand.Failed;
        }
    }

    private static async Task<int> EraseAsync(ServiceProvider services, Guid contactId, string actor, ErasureReason reason, string? reference,
        TextWriter stdout, TextWriter stderr)
    {
        var report = await services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, actor, reason, reference, CancellationToken.None);
        if (report is null)
        {
            if (await TombstoneAsync(services, contactId, stdout))
            {
                await stderr.WriteLineAsync($"optin: contact {contactId} is already erased");
                return NotFound;
            }

            await stderr.WriteLineAsync($"optin: no contact {contactId}");
            return NotFound;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(new
        {
            contactId = report.ContactId,
            erasedAt = report.ErasedAt.ToString(),
            removed = report.Removed,
            kept = report.Kept.Select(k => new { what = k.What, count = k.Count, reason = k.Reason }),
            disclosedTo = report.DisclosedTo.Select(d => new
            {
                recipient = d.Recipient, action = d.Action, count = d.Count, firstAt = d.FirstAt.ToString(), lastAt = d.LastAt.ToString(),
            }),
        }, Indented));
        return OptinCommand.Ok;
    }

    private static async Task<int> ExportAsync(ServiceProvider services, Guid contactId, string? mode, string? culture, string? output, TextWriter stdout,
        TextWriter stderr)
    {
        await using Stream stream = output is null ? new MemoryStream() : File.Create(output);
        var found = mode switch
        {
            "portable" => await services.GetRequiredService<PersonalDataService>().ExportPortableAsync(contactId, stream, CancellationToken.None),
            "evidence-json" => await services.GetRequiredService<EvidenceService>().WriteEvidenceJsonAsync(contactId, stream, CancellationToken.None),
            "access" => await services.GetRequiredService<PersonalDataService>().WriteAccessReportAsync(contactId, stream, culture, CancellationToken.None),
            "archive" => await services.GetRequiredService<ProofArchive>().WriteJsonAsync(contactId, stream, CancellationToken.None),
            "evidence-html" => await services.GetRequiredService<EvidenceService>().WriteEvidenceHtmlAsync(contactId, stream, CancellationToken.None),
            _ => await services.GetRequiredService<PersonalDataService>().ExportAsync(contactId, stream, CancellationToken.None),
        };
        if (!found)
        {
            await stream.DisposeAsync();
            if (output is not null)
            {
                File.Delete(output);
            }

            if (mode != "archive" && await TombstoneAsync(services, contactId, stdout))
            {
                return OptinCommand.Ok;
            }

            await stderr.WriteLineAsync(mode == "archive" ? $"optin: no archived proof for {contactId}" : $"optin: no contact {contactId}");
            return NotFound;
        }

        if (stream is MemoryStream buffer)
        {
            await stdout.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return OptinCommand.Ok;
    }

    // Erasure (DSR-5): an erased contact's tombstone instead of "no contact".

    /// <summary>Prints the tombstone of an erased contact; false when the contact was never erased.</summary>
    private static async Task<bool> TombstoneAsync(ServiceProvider services, Guid contactId, TextWriter stdout)
    {
        if (await services.GetRequiredService<PersonalDataService>().FindTombstoneAsync(contactId, CancellationToken.None) is not { } tombstone)
        {
            return false;
        }

        await stdout.WriteLineAsync(JsonSerializer.Serialize(new
        {
            contactId,
            erased = true,
            erasedAt = tombstone.ErasedAt.ToString(),
            reason = tombstone.Reason.ToString(),
            reasonCode = ErasureReasons.Code(tombstone.Reason),
            reference = tombstone.Reference,
            actor = tombstone.Actor,
        }, Indented));
        return true;
    }
}
