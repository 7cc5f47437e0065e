using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The store contract the rights features rely on: a job completed inside a transaction with its "email sent" entry,
/// the email columns of the ledger, the restriction flag and its query filter, and the tokens of a contact. Each store
/// subclasses this with its own factory.
/// </summary>
public abstract class RightsStoreConformanceTests
{
    private static readonly Instant T0 = StoreTestData.Now;

    /// <summary>A new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>CompleteJobAsync, in transaction with email sent entry: commits both and round trips the email columns.</summary>
    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task CompleteJobAsync_InTransactionWithEmailSentEntry_CommitsBothAndRoundTripsTheEmailColumns()
    {
        var store = await CreateStoreAsync();
        var contact = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var job = await EnqueueAndClaimAsync(store, contact.Id);

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.True(await tx.Jobs.CompleteAsync(job.Id, "w1", JobStatus.Done, null, T0 + Duration.FromSeconds(1), default));
            await tx.Ledger.AppendAsync([Sent(contact.Id)], default);
            await tx.CommitAsync(default);
        }

        var done = (await store.Jobs.FindJobAsync(job.Id, default))!;
        Assert.Equal(JobStatus.Done, done.Status);
        Assert.Null(done.LeaseOwner);
        Assert.Equal(T0 + Duration.FromSeconds(1), done.FinishedAt);
        var sent = Assert.Single(await store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
        Assert.Equal(ConsentEventKind.EmailSent, sent.Kind);
        Assert.Equal("double-opt-in", sent.TemplateId);
        Assert.Equal(new string('a', 64), sent.TemplateSha256);
        Assert.Equal("m1.abc@example.test", sent.MessageId);
        Assert.Equal(OptinState.PendingConfirmation, sent.State);
    }

    /// <summary>CompleteJobAsync, in transaction rolled back: leaves the job running and no entry.</summary>
    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task CompleteJobAsync_InTransactionRolledBack_LeavesTheJobRunningAndNoEntry()
    {
        var store = await CreateStoreAsync();
        var contact = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var job = await EnqueueAndClaimAsync(store, contact.Id);

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.True(await tx.Jobs.CompleteAsync(job.Id, "w1", JobStatus.Done, null, T0, default));
            await tx.Ledger.AppendAsync([Sent(contact.Id)], default);
        }

        Assert.Equal(JobStatus.Running, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    /// <summary>CompleteJobAsync, in transaction by another worker: returns false and changes nothing.</summary>
    [Fact]
    public async Task CompleteJobAsync_InTransactionByAnotherWorker_ReturnsFalseAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, Guid.NewGuid());

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.False(await tx.Jobs.CompleteAsync(job.Id, "w2", JobStatus.Done, null, T0, default));
            await Assert.ThrowsAsync<ArgumentException>(async () => await tx.Jobs.CompleteAsync(job.Id, "w1", JobStatus.Cancelled, null, T0, default));
            await tx.CommitAsync(default);
        }

        Assert.Equal(JobStatus.Running, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
    }

    /// <summary>SaveContactAsync, processing restricted: round trips and filters queries.</summary>
    [Fact]
    public async Task SaveContactAsync_ProcessingRestricted_RoundTripsAndFiltersQueries()
    {
        var store = await CreateStoreAsync();
        var free = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var restricted = await SaveContactAsync(store, Contact("b@exemple.fr") with { ProcessingRestricted = true, CreatedAt = T0 + Duration.FromSeconds(1) });

        Assert.True((await store.Contacts.FindAsync(restricted.Id, default))!.ProcessingRestricted);
        Assert.False((await store.Contacts.FindAsync(free.Id, default))!.ProcessingRestricted);
        Assert.Equal([restricted.Id], await store.Contacts.QueryAsync(new ContactQuery { ProcessingRestricted = true }, default).Select(c => c.Id).ToListAsync());
        Assert.Equal(1, await store.Contacts.CountAsync(new ContactQuery { ProcessingRestricted = false }, default));
        Assert.Equal(2, await store.Contacts.CountAsync(new ContactQuery(), default));
    }

    /// <summary>ChangeKindAsync, lead to contact: saves the kind with a chained ledger entry naming the actor, the kinds and the reason.</summary>
    [Fact]
    public async Task ChangeKindAsync_LeadToContact_SavesTheKindWithALedgerEntryNamingActorKindsAndReason()
    {
        var store = await CreateStoreAsync();
        var lead = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var other = await SaveContactAsync(store, Contact("b@exemple.fr") with { CreatedAt = T0 + Duration.FromSeconds(1) });
        var service = new ContactKindService(store, TestClocks.Create(T0 + Duration.FromDays(1)));

        var result = await service.ChangeKindAsync(lead.Id, ContactKind.Contact, "dpo@stand.example", "signed the quote", default);
        var again = await service.ChangeKindAsync(lead.Id, ContactKind.Contact, "dpo@stand.example", "twice", default);

        Assert.True(result.Succeeded);
        Assert.Equal(Submissions.SubmissionCodes.Unchanged, again.Code);
        var saved = (await store.Contacts.FindAsync(lead.Id, default))!;
        Assert.Equal(ContactKind.Contact, saved.Kind);
        Assert.Equal(T0 + Duration.FromDays(1), saved.UpdatedAt);
        Assert.Equal(ContactKind.Lead, (await store.Contacts.FindAsync(other.Id, default))!.Kind);
        Assert.Equal([lead.Id], await store.Contacts.QueryAsync(new ContactQuery { Kind = ContactKind.Contact }, default).Select(c => c.Id).ToListAsync());
        var entry = Assert.Single(await store.Ledger.ReadAsync(lead.Id, default).ToListAsync());
        Assert.Equal(ConsentEventKind.KindChanged, entry.Kind);
        Assert.Equal(ConsentMethod.Manual, entry.Method);
        Assert.Equal("dpo@stand.example", entry.Actor);
        Assert.Equal("Lead → Contact: signed the quote", entry.Reason);
        Assert.NotNull(entry.Hash);
    }

    /// <summary>SetOptinInBulkAsync, query excluding restricted: leaves the restricted contact alone.</summary>
    [Fact]
    public async Task SetOptinInBulkAsync_QueryExcludingRestricted_LeavesTheRestrictedContactAlone()
    {
        var store = await CreateStoreAsync();
        var free = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var restricted = await SaveContactAsync(store, Contact("b@exemple.fr") with { ProcessingRestricted = true });
        var template = new ConsentEvent
        {
            Id = Guid.Empty, ContactId = Guid.Empty, Kind = ConsentEventKind.SetInBulk, State = OptinState.OptedIn, Method = ConsentMethod.Bulk,
            OccurredAt = T0, PurposeId = "partners", Actor = "ops", Reason = "salon", LegalBasis = "paper form",
        };

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Contacts.SetOptinInBulkAsync(new ContactQuery { ProcessingRestricted = false },
                new BulkOptinChange("partners", OptinState.OptedIn, false, template), default));
            await tx.CommitAsync(default);
        }

        Assert.Equal(OptinState.OptedIn, (await store.Contacts.FindAsync(free.Id, default))!.GetState("partners"));
        Assert.Equal(OptinState.None, (await store.Contacts.FindAsync(restricted.Id, default))!.GetState("partners"));
        Assert.Empty(await store.Ledger.ReadAsync(restricted.Id, default).ToListAsync());
    }

    /// <summary>ListTokensAsync: returns only that contacts tokens oldest first.</summary>
    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task ListTokensAsync_ReturnsOnlyThatContactsTokensOldestFirst()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Tokens.SaveAsync(Token("b", contact, T0 + Duration.FromMinutes(1)), default);
            await tx.Tokens.SaveAsync(Token("a", contact, T0), default);
            await tx.Tokens.SaveAsync(Token("c", Guid.NewGuid(), T0), default);
            await tx.CommitAsync(default);
        }

        await using var read = await store.BeginTransactionAsync(default);
        var tokens = await read.Tokens.ListAsync(contact, default);
        Assert.Equal(["a", "b"], tokens.Select(t => t.Hash).ToArray());
        Assert.Empty(await read.Tokens.ListAsync(Guid.NewGuid(), default));
    }

    private static Contact Contact(string email) => StoreTestData.Contact(email);

    private static async Task<Contact> SaveContactAsync(IOptinStore store, Contact contact)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        await tx.Contacts.SaveAsync(contact, default);
        await tx.CommitAsync(default);
        return contact;
    }

    private static async Task<JobRecord> EnqueueAndClaimAsync(IOptinStore store, Guid contactId)
    {
        var job = new JobRecord
        {
            Id = Guid.NewGuid(), Action = "SendDoubleOptinEmail", ContactId = contactId, PurposeId = "newsletter", Payload = "{}",
            MessageId = "m1.abc@example.test", CreatedAt = T0, DueAt = T0,
        };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        return Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default));
    }

    private static ConsentEvent Sent(Guid contactId) => new()
    {
        Id = Guid.NewGuid(), ContactId = contactId, Kind = ConsentEventKind.EmailSent, State = OptinState.PendingConfirmation,
        Method = ConsentMethod.System, OccurredAt = T0, PurposeId = "newsletter", Culture = "fr",
        TemplateId = "double-opt-in", TemplateSha256 = new string('a', 64), MessageId = "m1.abc@example.test",
    };

    private static TokenRecord Token(string hash, Guid contactId, Instant at) => StoreTestData.Token(contactId, hash, at);

    // EVD-1: the content archive, the ledger's evidence columns and the access log.

    /// <summary>AddContentAsync, same content twice: keeps the first and round trips it exactly.</summary>
    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task AddContentAsync_SameContentTwice_KeepsTheFirstAndRoundTripsItExactly()
    {
        var store = await CreateStoreAsync();
        const string text = "<label>J'accepte « la lettre » d'Atelier Dupont</label>\n\tligne 2 — 🙂";
        var first = ArchivedContent.Of(ContentKinds.ConsentBox, "text/html", text, T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AddContentAsync(first, default);
            await tx.Archive.AddContentAsync(first with { StoredAt = T0 + Duration.FromSeconds(1) }, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AddContentAsync(ArchivedContent.Of(ContentKinds.ConsentBox, "text/html", text, T0 + Duration.FromHours(1)), default);
            await tx.CommitAsync(default);
        }

        var found = await store.Archive.FindContentAsync(first.Sha256, default);
        Assert.Equal(first, found);
        Assert.Equal(first, await store.Archive.FindContentAsync(first.Sha256.ToUpperInvariant(), default));
        Assert.Null(await store.Archive.FindContentAsync(new string('0', 64), default));
    }

    /// <summary>AddContentAsync, with the ledger entry rolled back: stores neither.</summary>
    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task AddContentAsync_WithTheLedgerEntryRolledBack_StoresNeither()
    {
        var store = await CreateStoreAsync();
        var contact = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var content = ArchivedContent.Of(ContentKinds.Email, "text/plain", "Subject: Confirmez\n\nhttps://x.example/confirm/{{optin-token}}", T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AddContentAsync(content, default);
            await tx.Ledger.AppendAsync([Sent(contact.Id) with { EmailSha256 = content.Sha256 }], default);
        }

        Assert.Null(await store.Archive.FindContentAsync(content.Sha256, default));
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    /// <summary>AddContentAsync, key not the hash of the content: throws and stores nothing.</summary>
    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task AddContentAsync_KeyNotTheHashOfTheContent_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var forged = new ArchivedContent(new string('b', 64), ContentKinds.ConsentText, "text/plain", "autre texte", T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await Assert.ThrowsAsync<ArgumentException>(async () => await tx.Archive.AddContentAsync(forged, default));
            await tx.CommitAsync(default);
        }

        Assert.Null(await store.Archive.FindContentAsync(forged.Sha256, default));
    }

    /// <summary>AppendConsentEventsAsync, evidence columns: round trip.</summary>
    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task AppendConsentEventsAsync_EvidenceColumns_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var contact = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var e = Sent(contact.Id) with
        {
            Kind = ConsentEventKind.EmailChanged, Method = ConsentMethod.Api, Address = "new@exemple.fr", PreviousAddress = "a@exemple.fr",
            FormSha256 = new string('1', 64), ConsentBoxSha256 = new string('2', 64), PrivacyNoticeSha256 = new string('3', 64),
            EmailSha256 = new string('4', 64),
        };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Ledger.AppendAsync([e], default);
            await tx.CommitAsync(default);
        }

        var read = Assert.Single(await store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
        Assert.Equal(e with { Sequence = read.Sequence }, read with { Hash = null, PreviousHash = null }); // the chain fields are the store's (LEDG-1)
    }

    /// <summary>AppendEvidenceAccessAsync: reads in order and outlives erasure.</summary>
    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task AppendEvidenceAccessAsync_ReadsInOrderAndOutlivesErasure()
    {
        var store = await CreateStoreAsync();
        var contact = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var first = new EvidenceAccess(Guid.NewGuid(), contact.Id, "dpo@atelier.example", "evidence.html", T0);
        var second = new EvidenceAccess(Guid.NewGuid(), contact.Id, "admin", "export", T0 + Duration.FromSeconds(1));
        var other = new EvidenceAccess(Guid.NewGuid(), Guid.NewGuid(), "admin", "export", T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AppendAccessAsync(first, default);
            await tx.Archive.AppendAccessAsync(other, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AppendAccessAsync(second, default);
            await tx.Contacts.EraseAsync(contact.Id, Sent(contact.Id) with { Kind = ConsentEventKind.Erased, TemplateId = null, TemplateSha256 = null, MessageId = null }, default);
            await tx.CommitAsync(default);
        }

        Assert.Equal([first, second], await store.Archive.ReadAccessLogAsync(contact.Id, default).ToListAsync());
    }

    /// <summary>EraseContactAsync, removes the archived emails only this contact referred: and keeps shared ones.</summary>
    [Fact]
    [Trait("Requirement", "DSR-5")]
    [Trait("Requirement", "EVD-1")]
    public async Task EraseContactAsync_RemovesTheArchivedEmailsOnlyThisContactReferred_AndKeepsSharedOnes()
    {
        var store = await CreateStoreAsync();
        var erased = await SaveContactAsync(store, Contact("a@exemple.fr"));
        var kept = await SaveContactAsync(store, Contact("b@exemple.fr"));
        var own = ArchivedContent.Of(ContentKinds.Email, "text/plain", "Bonjour Jean, votre devis pour 40 chaises", T0);
        var shared = ArchivedContent.Of(ContentKinds.Email, "text/plain", "Confirmez : https://x.example/c/{{optin-token}}", T0);
        var box = ArchivedContent.Of(ContentKinds.ConsentBox, "text/html", "<label>J'accepte</label>", T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Archive.AddContentAsync(own, default);
            await tx.Archive.AddContentAsync(shared, default);
            await tx.Archive.AddContentAsync(box, default);
            await tx.Ledger.AppendAsync([
                Sent(erased.Id) with { EmailSha256 = own.Sha256, ConsentBoxSha256 = box.Sha256 },
                Sent(erased.Id) with { EmailSha256 = shared.Sha256 },
                Sent(kept.Id) with { EmailSha256 = shared.Sha256 },
            ], default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.EraseAsync(erased.Id, Sent(erased.Id) with { Kind = ConsentEventKind.Erased, TemplateId = null, TemplateSha256 = null, MessageId = null }, default);
            await tx.CommitAsync(default);
        }

        Assert.Null(await store.Archive.FindContentAsync(own.Sha256, default));
        Assert.Equal(shared, await store.Archive.FindContentAsync(shared.Sha256, default));
        Assert.Equal(box, await store.Archive.FindContentAsync(box.Sha256, default)); // texts and boxes hold no one's data
    }
}
