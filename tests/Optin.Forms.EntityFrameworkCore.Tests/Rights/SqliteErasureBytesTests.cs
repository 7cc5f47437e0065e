using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Rights;

/// <summary>After an erasure, the erased person's text can be read from none of the SQLite database's files (DSR-5).</summary>
public sealed class SqliteErasureBytesTests
{
    private const string Message = "je souhaite un devis pour 40 chaises… 06 12 34 56 78, livraison rue des Quatre-Vents";
    private const string Address = "claire.quatrevents@exemple.fr";

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task EraseAsync_QuoteRequestSentToTheOwner_LeavesNoByteOfItInTheDatabaseWalOrShm()
    {
        var settings = Some.Settings();
        settings["OptinForms:Rules:0:Name"] = "notify-sales";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:Forms:0"] = "contact";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Template"] = "owner-notification";
        settings["OptinForms:Rules:0:Then:0:Args:To"] = "ventes@atelier-dupont.example";
        await using var host = await StoreHost.SqliteAsync(b => b.UseInMemoryMailSender(), settings);
        var services = host.Services;
        var post = Some.Post("contact", ("email", Address), ("message", Message));
        var contactId = (await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default)).ContactId!.Value;
        Assert.Equal(1, await services.GetRequiredService<JobRunner>().RunDueJobsAsync(default));
        Assert.Contains(Message, Assert.Single(services.GetRequiredService<InMemoryMailSender>().Messages).TextBody, StringComparison.Ordinal);
        var files = DatabaseFiles(host.ConnectionString);
        Assert.True(Contains(files, Message), "The search finds the message before the erasure.");

        var report = await services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest,
            "TICKET-42", default);

        Assert.NotNull(report);
        await using (var connection = new SqliteConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA encoding";
            Assert.Equal("UTF-8", (string?)await command.ExecuteScalarAsync());
        }

        foreach (var text in new[] { Message, "40 chaises", "06 12 34 56 78", Address, "claire.quatrevents" })
        {
            Assert.False(Contains(files, text), $"'{text}' is still in the database's files.");
        }
    }

    private static string[] DatabaseFiles(string connectionString)
    {
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return [database, database + "-wal", database + "-shm"];
    }

    /// <summary>Whether any of the files holds <paramref name="text"/> in UTF-8, UTF-16 LE or UTF-16 BE.</summary>
    private static bool Contains(string[] files, string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text)];
        foreach (var file in files.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0))
            {
                return true;
            }
        }

        return false;
    }
}
