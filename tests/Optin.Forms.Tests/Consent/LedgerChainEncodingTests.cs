using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.Tests.Consent;

/// <summary>
/// The hash of a ledger entry never changes with the code that computes it (LEDG-1): stored chains, written by earlier
/// versions, must still verify. The hashes below were computed by the first implementation (text built with a
/// <see cref="System.Text.StringBuilder"/>, then encoded to UTF-8 as a whole).
/// </summary>
public sealed class LedgerChainEncodingTests
{
    private static readonly ConsentEvent Minimal = new()
    {
        Id = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        ContactId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        Kind = ConsentEventKind.Given,
        State = OptinState.PendingConfirmation,
        Method = ConsentMethod.Form,
        OccurredAt = Instant.FromUnixTimeMilliseconds(1_794_475_815_123),
        PurposeId = "newsletter",
    };

    /// <summary>Every field set; texts with accents, an emoji, a lone surrogate, line breaks and separators.</summary>
    private static readonly ConsentEvent Full = Minimal with
    {
        Kind = ConsentEventKind.Withdrawn,
        State = OptinState.Withdrawn,
        Method = ConsentMethod.Api,
        OccurredAt = Instant.FromUnixTimeMilliseconds(-1_234_567),
        PurposeVersion = "v2",
        FormId = "salon",
        FormVersion = "0123456789abcdef",
        SubmissionId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
        ConsentText = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail. 🎉",
        ConsentTextSha256 = new string('a', 64),
        PurposeText = "Les informations recueillies sur ce formulaire sont enregistrées par Atelier Dupont.\nreason=1:x",
        PurposeTextSha256 = new string('b', 64),
        PrivacyNotice = "/confidentialité",
        Controller = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
        Culture = "fr-FR",
        SourceUrl = "https://example.test/salon?q=été",
        IpAddress = "203.0.113.0",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) \ud800 broken",
        Actor = "admin:jeanne",
        Reason = "",
        LegalBasis = "consent",
        TemplateId = "confirm",
        TemplateSha256 = new string('c', 64),
        MessageId = "<1234@atelier-dupont.example>",
        Address = "visiteur.42@exemple.fr",
        PreviousAddress = "ancien@exemple.fr",
        FormSha256 = new string('d', 64),
        ConsentBoxSha256 = new string('e', 64),
        PrivacyNoticeSha256 = new string('f', 64),
        EmailSha256 = new string('0', 64),
        Sequence = 42,
        Hash = "ignored",
        PreviousHash = "ignored",
    };

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void ComputeHash_MinimalEntry_IsTheFirstImplementationsHash() =>
        Assert.Equal("f2fe145bc27c661f6ad9307bbb0e03998ed4c4c5eb1bf6a4de661e69b9a8bf33", LedgerChain.ComputeHash(Minimal, LedgerChain.Genesis));

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void ComputeHash_EntryWithEveryField_IsTheFirstImplementationsHash() =>
        Assert.Equal("6fba5ceb4a1ad07497651dfa15e6ecc288e09389b17432eba2c112065d83284d", LedgerChain.ComputeHash(Full, new string('1', 64)));

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void CanonicalForm_HashesToComputeHash()
    {
        var form = LedgerChain.CanonicalForm(Full, LedgerChain.Genesis);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(form)), LedgerChain.ComputeHash(Full, LedgerChain.Genesis));
    }

    /// <summary>
    /// Every store hashes each entry it appends (a post appends one per purpose): building the text then encoding it cost
    /// about 6 KB of garbage per entry, the in-memory store's largest share of its garbage per post (issue #16).
    /// </summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public void ComputeHash_AllocatesNoCopyOfTheCanonicalText()
    {
        var previous = new string('1', 64);
        LedgerChain.ComputeHash(Full, previous);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            LedgerChain.ComputeHash(Full, previous);
        }

        // The canonical form of this entry is over 1.3 KB of UTF-8 (2.6 KB as .NET text): any copy of it goes over 1 KB.
        // What remains is the hash's own text (152 bytes in an optimised build).
        Assert.True(LedgerChain.CanonicalForm(Full, previous).Length > 1300);
        var perHash = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.InRange(perHash, 0, 1024);
    }
}
