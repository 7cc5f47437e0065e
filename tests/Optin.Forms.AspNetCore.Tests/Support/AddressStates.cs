using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>The states an address can be in when a form is posted for it (ABU-3).</summary>
internal enum AddressState
{
    New,
    Pending,
    Confirmed,
    Withdrawn,
    Suppressed,
}

/// <summary>Puts addresses into a state through the engine's own services, as the site would.</summary>
internal static class AddressStates
{
    /// <summary>
    /// Leaves <paramref name="address"/> in <paramref name="state"/> for the newsletter: a sign-up makes it pending,
    /// a change by hand confirms or withdraws it, and "this was not me" suppression has no contact (it was erased).
    /// </summary>
    public static async Task<Guid?> SeedAsync(OptinWebFactory app, string address, AddressState state)
    {
        if (state == AddressState.New)
        {
            return null;
        }

        if (state == AddressState.Suppressed)
        {
            await app.Services.GetRequiredService<SuppressionList>().AddAsync(address, "not-me", null, default);
            return null;
        }

        var submitted = await app.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            new SubmissionRequest("newsletter", [new("email", address), new("consent.newsletter", "true")], SubmissionContext.Empty), default);
        Assert.True(submitted.Succeeded);
        var contactId = submitted.ContactId!.Value;
        if (state is AddressState.Confirmed or AddressState.Withdrawn)
        {
            await SetAsync(app, contactId, OptinState.OptedIn);
        }

        if (state == AddressState.Withdrawn)
        {
            await SetAsync(app, contactId, OptinState.Withdrawn);
        }

        return contactId;
    }

    /// <summary>A real unsubscribe link token for the contact's newsletter opt-in, stored as the engine stores it (hash only).</summary>
    public static async Task<string> IssueUnsubscribeTokenAsync(OptinWebFactory app, Guid contactId)
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var now = app.Clock.GetCurrentInstant();
        await using var tx = await app.Store.BeginTransactionAsync(default);
        await tx.Tokens.SaveAsync(new TokenRecord
        {
            Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Kind = TokenKind.Unsubscribe,
            ContactId = contactId,
            PurposeId = "newsletter",
            CreatedAt = now,
            ExpiresAt = now + NodaTime.Duration.FromDays(30),
        }, default);
        await tx.CommitAsync(default);
        return Base64Url.EncodeToString(bytes);
    }

    private static async Task SetAsync(OptinWebFactory app, Guid contactId, OptinState state)
    {
        var result = await app.Services.GetRequiredService<ContactOptinService>().SetOptinAsync(
            new ManualOptinChange(contactId, "newsletter", state, "test", "seeding an address state", "consent"), default);
        Assert.True(result.Succeeded, result.Description);
    }
}
