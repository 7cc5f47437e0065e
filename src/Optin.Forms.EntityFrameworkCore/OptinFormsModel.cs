using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Optin.Forms.EntityFrameworkCore.Entities;

namespace Optin.Forms.EntityFrameworkCore;

/// <summary>Adds the Optin.Forms tables to an EF Core model (the package's own contexts, or a host's).</summary>
public static class OptinFormsModel
{
    /// <summary>
    /// Table names are fixed here, and column names in <see cref="OptinColumns"/> (snake case), because the store's hot
    /// path and bulk statements are written in SQL.
    /// </summary>
    internal const string Contacts = "optin_contacts";
    internal const string ContactFields = "optin_contact_fields";
    internal const string ContactTags = "optin_contact_tags";
    internal const string ContactOptins = "optin_contact_optins";
    internal const string ConsentEvents = "optin_consent_events";
    internal const string Submissions = "optin_submissions";
    internal const string Jobs = "optin_jobs";
    internal const string Tokens = "optin_tokens";
    internal const string Suppressions = "optin_suppressions";
    internal const string Counters = "optin_counters";
    internal const string Settings = "optin_settings";
    internal const string Archive = "optin_archive"; // RET-4

    // EVD-1
    internal const string Content = "optin_content";
    internal const string EvidenceAccess = "optin_evidence_access";
    internal const string ChainHeads = "optin_chain_heads";

    // The back office's overview: daily view counts (counting without tracking).
    internal const string ViewCounts = "optin_view_counts";

    /// <summary>
    /// Adds the Optin.Forms entities (contacts and their fields, tags and opt-ins, the consent ledger, submissions) to
    /// <paramref name="modelBuilder"/>; call it from a host's <c>OnModelCreating</c> and use
    /// <c>UseEntityFrameworkCore&lt;THostContext&gt;()</c>.
    /// </summary>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyOptinFormsModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ContactEntity>(b =>
        {
            b.ToTable(Contacts).HasKey(c => c.Id);
            b.Property(c => c.Email).HasMaxLength(320).IsRequired();
            b.Property(c => c.EmailKey).HasMaxLength(320).IsRequired();
            b.HasIndex(c => c.EmailKey).IsUnique();
            b.HasIndex(c => new { c.CreatedAt, c.Id });
            b.HasIndex(c => c.LastActivityAt);
            SnakeCase(b);
        });
        modelBuilder.Entity<ContactFieldEntity>(b =>
        {
            b.ToTable(ContactFields).HasKey(f => new { f.ContactId, f.Name });
            b.Property(f => f.Name).HasMaxLength(100);
            b.HasIndex(f => new { f.Name, f.Value });
            b.HasOne<ContactEntity>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Cascade);
            SnakeCase(b);
        });
        modelBuilder.Entity<ContactTagEntity>(b =>
        {
            b.ToTable(ContactTags).HasKey(t => new { t.ContactId, t.Tag });
            b.Property(t => t.Tag).HasMaxLength(100);
            b.HasIndex(t => t.Tag);
            b.HasOne<ContactEntity>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
            SnakeCase(b);
        });
        modelBuilder.Entity<ContactOptinEntity>(b =>
        {
            b.ToTable(ContactOptins).HasKey(o => new { o.ContactId, o.PurposeKey });
            b.Property(o => o.PurposeKey).HasMaxLength(100);
            b.Property(o => o.PurposeId).HasMaxLength(100).IsRequired();
            b.HasIndex(o => new { o.PurposeKey, o.State });
            b.HasOne<ContactEntity>().WithMany().HasForeignKey(o => o.ContactId).OnDelete(DeleteBehavior.Cascade);
            SnakeCase(b);
        });
        modelBuilder.Entity<ConsentEventEntity>(b =>
        {
            // No foreign key to contacts: the ledger outlives erasure (tombstones) and is never cascaded.
            b.ToTable(ConsentEvents).HasKey(e => e.Sequence);
            b.Property(e => e.Sequence).ValueGeneratedOnAdd();
            b.HasIndex(e => e.Id).IsUnique();
            b.HasIndex(e => new { e.ContactId, e.Sequence });
            b.Property(e => e.PurposeId).HasMaxLength(100).IsRequired();
            b.Property(e => e.TemplateId).HasMaxLength(100);
            b.Property(e => e.TemplateSha256).HasMaxLength(64);
            b.Property(e => e.MessageId).HasMaxLength(998);
            // RET-4: the purge of old tombstones. Partial, so that the ledger's other entries (every post appends one) pay
            // nothing for it.
            b.HasIndex(e => new { e.Kind, e.OccurredAt }).HasFilter("kind = 7");
            b.Property(e => e.Hash).HasMaxLength(64);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
            SnakeCase(b);
        });
        modelBuilder.Entity<SubmissionEntity>(b =>
        {
            b.ToTable(Submissions).HasKey(s => s.Id);
            b.HasIndex(s => new { s.ContactId, s.ReceivedAt });
            // The back office's entries: a form's submissions, newest first, paged and exported.
            b.HasIndex(s => new { s.FormId, s.ReceivedAt });
            b.Property(s => s.FormId).HasMaxLength(100).IsRequired();
            SnakeCase(b);
        });
        ApplyJobModel(modelBuilder);
        ApplyChainModel(modelBuilder);
        ApplyStatisticsModel(modelBuilder);
        return modelBuilder;
    }

    private static void ApplyJobModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobEntity>(b =>
        {
            b.ToTable(Jobs).HasKey(j => j.Position);
            b.Property(j => j.Position).ValueGeneratedOnAdd();
            b.HasIndex(j => j.Id).IsUnique();
            b.HasIndex(j => new { j.Status, j.DueAt });
            b.HasIndex(j => new { j.Status, j.LeaseExpiresAt });
            b.HasIndex(j => j.ContactId);
            // RET-4: the purge of finished jobs. Partial: a job enters it when it finishes, not when it is queued.
            b.HasIndex(j => j.FinishedAt).HasFilter("finished_at IS NOT NULL");
            b.Property(j => j.Action).HasMaxLength(100).IsRequired();
            b.Property(j => j.PurposeId).HasMaxLength(100);
            b.Property(j => j.PurposeKey).HasMaxLength(100);
            b.Property(j => j.LeaseOwner).HasMaxLength(200);
            b.Property(j => j.TraceParent).HasMaxLength(128); // a W3C traceparent is 55 characters in version 00
            SnakeCase(b);
        });
        modelBuilder.Entity<TokenEntity>(b =>
        {
            b.ToTable(Tokens).HasKey(t => t.Hash);
            b.Property(t => t.Hash).HasMaxLength(128);
            b.Property(t => t.PurposeId).HasMaxLength(100).IsRequired();
            b.Property(t => t.PurposeKey).HasMaxLength(100).IsRequired();
            b.HasIndex(t => t.ContactId);
            SnakeCase(b);
        });
        modelBuilder.Entity<SuppressionEntity>(b =>
        {
            b.ToTable(Suppressions).HasKey(s => s.AddressHash);
            b.Property(s => s.AddressHash).HasMaxLength(128);
            SnakeCase(b);
        });
        modelBuilder.Entity<CounterEntity>(b =>
        {
            b.ToTable(Counters).HasKey(c => c.Key);
            b.Property(c => c.Key).HasMaxLength(200);
            b.HasIndex(c => c.ExpiresAt); // the clean-up of expired counters
            SnakeCase(b);
        });
        modelBuilder.Entity<SettingEntity>(b =>
        {
            b.ToTable(Settings).HasKey(s => s.Name);
            b.Property(s => s.Name).HasMaxLength(100);
            b.Property(s => s.Value).HasMaxLength(1000).IsRequired();
            SnakeCase(b);
        });

        // RET-4: the intermediate archive, apart from the active tables (no foreign key: the contact is erased).
        modelBuilder.Entity<ArchivedProofEntity>(b =>
        {
            b.ToTable(Archive).HasKey(a => a.ContactId);
            b.Property(a => a.Document).IsRequired();
            b.HasIndex(a => a.KeepUntil);
            SnakeCase(b);
        });

        ApplyEvidenceModel(modelBuilder);
    }

    /// <summary>EVD-1: the content archive and the access log; neither has a foreign key, both outlive erasure.</summary>
    private static void ApplyEvidenceModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConsentEventEntity>(b =>
        {
            b.Property(e => e.Address).HasMaxLength(320);
            b.Property(e => e.PreviousAddress).HasMaxLength(320);
            b.Property(e => e.FormSha256).HasMaxLength(64);
            b.Property(e => e.ConsentBoxSha256).HasMaxLength(64);
            b.Property(e => e.PrivacyNoticeSha256).HasMaxLength(64);
            b.Property(e => e.EmailSha256).HasMaxLength(64);
            SnakeCase(b);
        });
        modelBuilder.Entity<ContentEntity>(b =>
        {
            b.ToTable(Content).HasKey(c => c.Sha256);
            b.Property(c => c.Sha256).HasMaxLength(64);
            b.Property(c => c.Kind).HasMaxLength(50).IsRequired();
            b.Property(c => c.MediaType).HasMaxLength(100).IsRequired();
            b.Property(c => c.Content).IsRequired();
            SnakeCase(b);
        });
        modelBuilder.Entity<EvidenceAccessEntity>(b =>
        {
            b.ToTable(EvidenceAccess).HasKey(a => a.Position);
            b.Property(a => a.Position).ValueGeneratedOnAdd();
            b.HasIndex(a => a.Id).IsUnique();
            b.HasIndex(a => new { a.ContactId, a.Position });
            b.Property(a => a.Actor).HasMaxLength(200).IsRequired();
            b.Property(a => a.Action).HasMaxLength(50).IsRequired();
            SnakeCase(b);
        });
    }

    /// <summary>LEDG-1 (hash chain): one head per contact; no foreign key, as the tombstone's chain outlives the contact.</summary>
    private static void ApplyChainModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ChainHeadEntity>(b =>
        {
            b.ToTable(ChainHeads).HasKey(h => h.ContactId);
            b.Property(h => h.HeadHash).HasMaxLength(64).IsRequired();
            SnakeCase(b);
        });

    /// <summary>
    /// The overview's reads: views per day, and the ledger and submissions by time (grouped in the store, never loaded).
    /// </summary>
    private static void ApplyStatisticsModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ViewCountEntity>(b =>
        {
            b.ToTable(ViewCounts).HasKey(v => new { v.Day, v.FormId, v.LandingPage, v.Source });
            b.Property(v => v.FormId).HasMaxLength(100);
            b.Property(v => v.LandingPage).HasMaxLength(100);
            b.Property(v => v.Source).HasMaxLength(64);
            SnakeCase(b);
        });
        // Covering: the overview's grouping and its join to the submissions read the index alone, not the ledger's rows.
        modelBuilder.Entity<ConsentEventEntity>(b => b.HasIndex(e => new { e.OccurredAt, e.Kind, e.State, e.FormId, e.SubmissionId }));
        modelBuilder.Entity<SubmissionEntity>(b => b.HasIndex(s => new { s.ReceivedAt, s.FormId }));
    }

    private static void SnakeCase<T>(EntityTypeBuilder<T> builder)
        where T : class
    {
        foreach (var property in builder.Metadata.GetDeclaredProperties())
        {
            builder.Property(property.Name).HasColumnName(OptinColumns.For(property.Name));
        }
    }
}
