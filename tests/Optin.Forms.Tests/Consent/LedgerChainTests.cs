using System.Reflection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.Tests.Consent;

/// <summary>The canonical form of a ledger entry (LEDG-1).</summary>
public sealed class LedgerChainTests
{
    private static readonly ConsentEvent Entry = new()
    {
        Id = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        ContactId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        Kind = ConsentEventKind.Given,
        State = OptinState.PendingConfirmation,
        Method = ConsentMethod.Form,
        OccurredAt = Instant.FromUnixTimeMilliseconds(1_794_475_815_123),
        PurposeId = "newsletter",
        ConsentText = "J'accepte.",
    };

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void CanonicalFields_ListEveryEntryPropertyButTheSequenceAndTheChainItself()
    {
        var properties = typeof(ConsentEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .Where(n => n is not (nameof(ConsentEvent.Sequence) or nameof(ConsentEvent.Hash) or nameof(ConsentEvent.PreviousHash)))
            .Select(n => string.Concat(n.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsDigit(n[i - 1]) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))
            .Order(StringComparer.Ordinal);

        Assert.Equal(properties, LedgerChain.CanonicalFieldNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void CanonicalForm_IsVersionedLengthPrefixedAndEndsWithThePreviousHash()
    {
        var text = System.Text.Encoding.UTF8.GetString(LedgerChain.CanonicalForm(Entry, LedgerChain.Genesis));

        Assert.StartsWith("optin-ledger-chain/1\nid=36:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\ncontact_id=36:", text, StringComparison.Ordinal);
        Assert.Contains("\nkind=1:0\nstate=1:", text, StringComparison.Ordinal);
        Assert.Contains("\noccurred_at=13:1794475815123\n", text, StringComparison.Ordinal);
        Assert.Contains("\nconsent_text=10:J'accepte.\n", text, StringComparison.Ordinal);
        Assert.Contains("\npurpose_version=-\n", text, StringComparison.Ordinal);
        Assert.EndsWith($"\nprevious_hash=64:{LedgerChain.Genesis}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void ComputeHash_NullAndEmptyAndShiftedValues_HashDifferently()
    {
        var hashes = new[]
        {
            LedgerChain.ComputeHash(Entry, LedgerChain.Genesis),
            LedgerChain.ComputeHash(Entry with { Reason = "" }, LedgerChain.Genesis),
            LedgerChain.ComputeHash(Entry with { Actor = "a", Reason = "b" }, LedgerChain.Genesis),
            LedgerChain.ComputeHash(Entry with { Actor = "a\nreason=1:b" }, LedgerChain.Genesis),
            LedgerChain.ComputeHash(Entry, new string('1', 64)),
        };

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }
}
