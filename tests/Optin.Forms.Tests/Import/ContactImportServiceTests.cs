using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Import;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Import;

public sealed class ContactImportServiceTests
{
    private static ContactImportRequest Request(bool dryRun = false, string? doi = null, int batchSize = 500) => new()
    {
        Source = "salon-2026.csv",
        Actor = "marie@atelier-dupont",
        DryRun = dryRun,
        RequestDoubleOptinFor = doi,
        BatchSize = batchSize,
    };

    private static Task<ContactImportReport> ImportAsync(IServiceProvider services, string csv, ContactImportRequest? request = null,
        bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        var stream = new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return services.GetRequiredService<ContactImportService>().ImportAsync(stream, request ?? Request(), default).AsTask();
    }

    private static async Task<Contact?> FindAsync(SeededEngine e, string key) => await e.Store.Contacts.FindByEmailKeyAsync(key, default);

    [Fact]
    public async Task ImportAsync_Rfc4180QuotingEmbeddedCommasAndNewlinesWithBom_StoresExactValues()
    {
        using var e = SeededEngine.Start();
        var csv = "email,firstName,message\r\n"
            + "jean.dupont@exemple.fr,\"Jean, dit \"\"Jeannot\"\"\",\"Bonjour,\r\nun devis ?\"\r\n"
            + "\"marie@exemple.fr\",Marie,\r\n";

        var report = await ImportAsync(e.Services, csv, bom: true);

        Assert.Equal((2, 0, 0), (report.Imported, report.Updated, report.InvalidCount));
        var jean = await FindAsync(e, "jean.dupont@exemple.fr");
        Assert.Equal("Jean, dit \"Jeannot\"", jean!.Fields["firstName"]);
        Assert.Equal("Bonjour,\r\nun devis ?", jean.Fields["message"]);
        Assert.Equal(ContactKind.Lead, jean.Kind);
        Assert.False((await FindAsync(e, "marie@exemple.fr"))!.Fields.ContainsKey("message"));
    }

    [Fact]
    [Trait("Issue", "17")]
    public async Task ImportAsync_FormulaLikeFieldValues_RowRefusedWithItsLine_PhoneNumbersAccepted()
    {
        using var e = SeededEngine.Start();
        var csv = "email,firstName,message\n"
            + "jean@exemple.fr,\"=HYPERLINK(\"\"http://x\"\")\",bonjour\n"
            + "marie@exemple.fr,Marie,@SUM(A1)\n"
            + "paul@exemple.fr,Paul,-2+3+cmd|' /C calc'!A0\n"
            + "lea@exemple.fr,Léa,+33 6 12 34 56 78\n"
            + "zoe@exemple.fr,Zoé,-\n";

        var report = await ImportAsync(e.Services, csv);

        Assert.Equal(2, report.Imported);
        Assert.Equal([(2, ImportCodes.FormulaLikeValue), (3, ImportCodes.FormulaLikeValue), (4, ImportCodes.FormulaLikeValue)],
            report.Invalid.Select(i => (i.Line, i.Code)));
        Assert.Null(await FindAsync(e, "jean@exemple.fr"));
        Assert.Equal("+33 6 12 34 56 78", (await FindAsync(e, "lea@exemple.fr"))!.Fields["message"]);
    }

    [Fact]
    public async Task ImportAsync_SemicolonDelimiterAndKindColumn_DetectedAndApplied()
    {
        using var e = SeededEngine.Start();

        var report = await ImportAsync(e.Services, "E-mail;Kind;firstName;Société\njean@exemple.fr;account;Jean;Dupont SA\n".Replace("E-mail", "Email", StringComparison.Ordinal));

        Assert.Equal(1, report.Imported);
        Assert.Equal("Société", Assert.Single(report.IgnoredColumns));
        var jean = await FindAsync(e, "jean@exemple.fr");
        Assert.Equal(ContactKind.Account, jean!.Kind);
        Assert.Equal("Jean", jean.Fields["firstName"]);
        Assert.False(jean.Fields.ContainsKey("Société"));
    }

    [Fact]
    [Trait("Requirement", "SEC-5")]
    public async Task ImportAsync_KnownAddressSpelledDifferently_UpdatesTheContactInsteadOfDuplicating()
    {
        using var e = SeededEngine.Start();
        var existing = await e.SeedAsync("jean.dupont@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        e.Clock.Advance(Duration.FromDays(10));

        var report = await ImportAsync(e.Services, "email,firstName\n  Jean.Dupont@EXEMPLE.FR ,Jeannot\njean.dupont@exemple.fr,\n");

        Assert.Equal((0, 2), (report.Imported, report.Updated));
        Assert.Equal(1, await e.Store.Contacts.CountAsync(new ContactQuery(), default));
        var updated = await e.Store.Contacts.FindAsync(existing.Id, default);
        Assert.Equal("Jeannot", updated!.Fields["firstName"]);
        Assert.Equal(OptinState.OptedIn, updated.GetState("newsletter"));
        Assert.Equal(existing.LastActivityAt, updated.LastActivityAt);
        Assert.Equal("salon-2026.csv", updated.Fields[ContactImportService.SourceField]);
        Assert.Equal("marie@atelier-dupont", updated.Fields[ContactImportService.ActorField]);
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    [Trait("Requirement", "CONS-6")]
    [Trait("Requirement", "DOI-1")]
    public async Task ImportAsync_NewContacts_NoOptinNoConsentEventNoJob()
    {
        using var e = SeededEngine.Start();

        var report = await ImportAsync(e.Services, "email,firstName,newsletter,consent.newsletter\njean@exemple.fr,Jean,true,true\n");

        Assert.Equal(1, report.Imported);
        Assert.Contains("consent.newsletter", report.IgnoredColumns);
        var jean = await FindAsync(e, "jean@exemple.fr");
        Assert.Empty(jean!.Optins);
        Assert.Equal(OptinState.None, jean.GetState("newsletter"));
        Assert.Empty(await e.Store.Ledger.ReadAsync(jean.Id, default).ToListAsync());
        Assert.Empty(await e.Store.Jobs.ListJobsAsync(null, default).ToListAsync());
        Assert.Equal(e.Clock.GetCurrentInstant(), jean.LastActivityAt);
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task ImportAsync_AddressErasedByRetention_IsSkippedAndReported()
    {
        using var e = SeededEngine.Start();
        await e.SeedAsync("jean.dupont@exemple.fr");
        e.Clock.Advance(Duration.FromDays(1095));
        Assert.Equal(1, (await e.Sweeper.SweepAsync(default)).Erased);

        var report = await ImportAsync(e.Services, "email\nJean.Dupont@exemple.fr\nmarie@exemple.fr\n", Request(doi: "newsletter"));

        Assert.Equal((1, 1, 1), (report.Imported, report.SkippedSuppressed, report.DoubleOptinRequested));
        Assert.Equal<int>([2], report.SuppressedLines);
        Assert.Null(await FindAsync(e, "jean.dupont@exemple.fr"));
        var job = Assert.Single(await e.Store.Jobs.ListJobsAsync(null, default).ToListAsync());
        Assert.Equal((await FindAsync(e, "marie@exemple.fr"))!.Id, job.ContactId);
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    [Trait("Requirement", "DOI-9")]
    public async Task ImportAsync_SuppressionInForceOnAnExistingContact_IsSkipped()
    {
        using var e = SeededEngine.Start();
        var jean = await e.SeedAsync("jean.dupont@exemple.fr");
        await using (var tx = await e.Store.BeginTransactionAsync(default))
        {
            var now = e.Clock.GetCurrentInstant();
            await tx.Suppression.SaveAsync(new SuppressionEntry(await e.HashAsync(tx, jean.EmailKey), "not-me", now, now + Duration.FromDays(90)), default);
            await tx.CommitAsync(default);
        }

        var report = await ImportAsync(e.Services, "email,firstName\njean.dupont@exemple.fr,Changed\n");

        Assert.Equal((0, 0, 1), (report.Imported, report.Updated, report.SkippedSuppressed));
        Assert.Equal("Jean", (await e.Store.Contacts.FindAsync(jean.Id, default))!.Fields["firstName"]);
    }

    [Fact]
    public async Task ImportAsync_MalformedAndInvalidRows_ReportedWithLineNumbersAndNothingOfThemStored()
    {
        using var e = SeededEngine.Start();
        var csv = string.Join("\n",
            "email,firstName,kind,note",                 // 1
            "ok1@exemple.fr,Jean,,\"Two\nlines\"",        // 2-3
            "stray@exemple.fr,Jo\"hn,,",                 // 4
            "short@exemple.fr",                          // 5
            "not-an-address,Jean,,",                     // 6
            "kind@exemple.fr,Jean,Customer,",            // 7
            "long@exemple.fr," + new string('x', 81) + ",,", // 8
            "",                                          // 9 (blank, skipped)
            "ok2@exemple.fr,Marie,Contact,",             // 10
            "unclosed@exemple.fr,\"Jean,,");             // 11

        var report = await ImportAsync(e.Services, csv);

        Assert.Equal(2, report.Imported);
        Assert.Equal(6, report.InvalidCount);
        Assert.Equal([4, 5, 6, 7, 8, 11], report.Invalid.Select(i => i.Line));
        Assert.Equal(
            [ImportCodes.MalformedRecord, ImportCodes.WrongFieldCount, SubmissionCodes.InvalidEmail, ImportCodes.UnknownKind,
                SubmissionCodes.TooLong, ImportCodes.MalformedRecord],
            report.Invalid.Select(i => i.Code));
        Assert.All(report.Invalid, i => Assert.DoesNotContain("@", i.Message, StringComparison.Ordinal));
        Assert.Equal(2, await e.Store.Contacts.CountAsync(new ContactQuery(), default));
        Assert.Null(await FindAsync(e, "long@exemple.fr"));
        Assert.Equal(ContactKind.Contact, (await FindAsync(e, "ok2@exemple.fr"))!.Kind);
    }

    [Theory]
    [InlineData("", ImportCodes.EmptyFile)]
    [InlineData("name,firstName\nJean,Jean\n", ImportCodes.MissingEmailColumn)]
    [InlineData("email,Email\nx@exemple.fr,y@exemple.fr\n", ImportCodes.DuplicateColumn)]
    [InlineData("email,\"first\"Name\nx@exemple.fr,Jean\n", ImportCodes.MalformedRecord)]
    public async Task ImportAsync_UnusableHeader_RefusesTheWholeFile(string csv, string code)
    {
        using var e = SeededEngine.Start();

        var report = await ImportAsync(e.Services, csv);

        Assert.Equal(code, report.Refused?.Code);
        Assert.Equal(0, await e.Store.Contacts.CountAsync(new ContactQuery(), default));
    }

    [Fact]
    public async Task ImportAsync_UnknownDoubleOptinPurpose_RefusesBeforeReading()
    {
        using var e = SeededEngine.Start();

        var report = await ImportAsync(e.Services, "email\njean@exemple.fr\n", Request(doi: "newsleter"));

        Assert.Equal(SubmissionCodes.UnknownPurpose, report.Refused?.Code);
        Assert.Null(await FindAsync(e, "jean@exemple.fr"));
    }

    [Fact]
    public async Task ImportAsync_DryRun_ReportsAndStoresNothing()
    {
        using var e = SeededEngine.Start();
        await e.SeedAsync("known@exemple.fr");

        var report = await ImportAsync(e.Services, "email,firstName\nknown@exemple.fr,Changed\nnew@exemple.fr,New\nbad,x\n",
            Request(dryRun: true, doi: "newsletter"));

        Assert.True(report.DryRun);
        Assert.Equal((1, 1, 1, 2), (report.Imported, report.Updated, report.InvalidCount, report.DoubleOptinRequested));
        Assert.Null(await FindAsync(e, "new@exemple.fr"));
        Assert.Equal("Jean", (await FindAsync(e, "known@exemple.fr"))!.Fields["firstName"]);
        Assert.Empty(await e.Store.Jobs.ListJobsAsync(null, default).ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_SmallBatches_ImportsEveryRow()
    {
        using var e = SeededEngine.Start();
        var csv = "email\n" + string.Join("\n", Enumerable.Range(0, 7).Select(i => $"lead{i}@exemple.fr"));

        var report = await ImportAsync(e.Services, csv, Request(batchSize: 2));

        Assert.Equal(7, report.Imported);
        Assert.Equal(7, await e.Store.Contacts.CountAsync(new ContactQuery(), default));
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    [Trait("Requirement", "DOI-7")]
    public async Task ImportAsync_RequestDoubleOptin_SendsConfirmationAndLeavesContactsWithoutOptin()
    {
        using var flow = Flow.Start();
        var csv = "email,firstName\njean@exemple.fr,Jean\nmarie@exemple.fr,Marie\n";

        var report = await flow.Services.GetRequiredService<ContactImportService>().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), Request(doi: "newsletter"), default);
        await flow.RunAsync();

        Assert.Equal(2, report.DoubleOptinRequested);
        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.All(flow.Mail.Messages, m => Flow.ConfirmToken(m));
        var jean = await flow.Store.Contacts.FindByEmailKeyAsync("jean@exemple.fr", default);
        Assert.Equal(OptinState.None, jean!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "SEC-8")]
    public async Task ImportAsync_Logs_NoAddress()
    {
        using var e = SeededEngine.Start();

        await ImportAsync(e.Services, "email\njean@exemple.fr\nbad\n");

        var entry = Assert.Single(e.Log.Entries, x => x.EventId.Id == 2201);
        Assert.Equal("Contact import (dry run: False): 1 imported, 0 updated, 0 suppressed, 1 invalid, 0 double opt-in request(s).",
            entry.Message);
        Assert.All(e.Log.Entries, x => Assert.DoesNotContain("@", x.Message, StringComparison.Ordinal));
    }
}
