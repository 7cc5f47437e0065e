using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Statistics;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>
/// Seeded activity for the overview (the sample's time zone is Europe/Paris, UTC+1 in November):
/// A signs up on the 10th at 10:00Z (Paris 11:00), is sent the email, confirms at 12:00Z (2 h), withdraws on the 12th;
/// B signs up on the 10th at 23:30Z (Paris: the 11th, 00:30), confirms at 03:30Z on the 11th (4 h);
/// C signs up on the 11th and never confirms; D sends the contact form on the 11th (no double opt-in);
/// views: 10 of the newsletter form on the 10th, 5 on the salon landing page from "flyer" on the 11th.
/// </summary>
internal static class OverviewData
{
    public static readonly LocalDate Day10 = new(2026, 11, 10);
    public static readonly LocalDate Day11 = new(2026, 11, 11);
    public static readonly LocalDate Day12 = new(2026, 11, 12);

    public static async Task SeedAsync(IOptinStore store)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        await SignUpAsync(tx, "a", At(10, 10, 0), confirmedAt: At(10, 12, 0), withdrawnAt: At(12, 8, 0));
        await SignUpAsync(tx, "b", At(10, 23, 30), confirmedAt: At(11, 3, 30));
        await SignUpAsync(tx, "c", At(11, 8, 0));
        await SignUpAsync(tx, "d", At(11, 9, 0), form: "contact");
        await tx.Views.AddAsync([new ViewCount(Day10, "newsletter", "", "", 10), new ViewCount(Day11, "newsletter", "salon", "flyer", 5)], default);
        await tx.CommitAsync(default);
    }

    private static Instant At(int day, int hour, int minute) => Instant.FromUtc(2026, 11, day, hour, minute);

    private static async Task SignUpAsync(IOptinTransaction tx, string name, Instant at, Instant? confirmedAt = null, Instant? withdrawnAt = null,
        string form = "newsletter")
    {
        var contact = new Contact
        {
            Id = Guid.NewGuid(),
            Email = $"{name}-{Guid.NewGuid():N}@overview.example",
            EmailKey = $"{name}-{Guid.NewGuid():N}@overview.example",
            CreatedAt = at,
            UpdatedAt = at,
            LastActivityAt = at,
        };
        contact = contact with { EmailKey = contact.Email };
        var submission = new SubmissionRecord
        {
            Id = Guid.NewGuid(),
            FormId = form,
            FormVersion = "v1",
            ContactId = contact.Id,
            ReceivedAt = at,
            Culture = "fr",
            Values = ImmutableDictionary<string, string>.Empty.Add("email", contact.Email),
        };
        await tx.Contacts.SaveAsync(contact, default);
        await tx.Submissions.AddAsync(submission, default);
        if (form != "newsletter")
        {
            return;
        }

        var events = new List<ConsentEvent>
        {
            Event(contact.Id, submission.Id, ConsentEventKind.Given, OptinState.PendingConfirmation, at),
            Event(contact.Id, submission.Id, ConsentEventKind.EmailSent, OptinState.PendingConfirmation, at + Duration.FromMinutes(1)),
        };
        if (confirmedAt is { } confirmed)
        {
            events.Add(Event(contact.Id, submission.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, confirmed));
            events.Add(Event(contact.Id, submission.Id, ConsentEventKind.EmailSent, OptinState.OptedIn, confirmed + Duration.FromMinutes(1))); // welcome
        }

        if (withdrawnAt is { } withdrawn)
        {
            events.Add(Event(contact.Id, null, ConsentEventKind.Withdrawn, OptinState.Withdrawn, withdrawn) with { FormId = null });
        }

        await tx.Ledger.AppendAsync(events, default);
    }

    private static ConsentEvent Event(Guid contactId, Guid? submissionId, ConsentEventKind kind, OptinState state, Instant at) => new()
    {
        Id = Guid.NewGuid(),
        ContactId = contactId,
        Kind = kind,
        State = state,
        Method = kind == ConsentEventKind.EmailSent ? ConsentMethod.System : ConsentMethod.Form,
        OccurredAt = at,
        PurposeId = "newsletter",
        FormId = "newsletter",
        SubmissionId = submissionId,
    };
}
