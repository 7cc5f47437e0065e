using Optin.Forms.Submissions;

namespace Optin.Forms.Tests.Submissions;

/// <summary>SEC-5: bare addr-spec only, length limits, no control or invisible characters, one key per address.</summary>
public sealed class EmailAddressNormalizerTests
{
    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData("Jean Dupont <jean@exemple.fr>")]
    [InlineData("\"Jean Dupont\" <jean@exemple.fr>")]
    [InlineData("<jean@exemple.fr>")]
    [InlineData("jean@exemple.fr (Jean)")]
    [InlineData("(Jean) jean@exemple.fr")]
    [InlineData("\"jean\"@exemple.fr")]
    [InlineData("\"jean dupont\"@exemple.fr")]
    [InlineData("jean@exemple.fr, marie@exemple.fr")]
    [InlineData("jean@exemple.fr;marie@exemple.fr")]
    [InlineData("jean@exemple.fr marie@exemple.fr")]
    [InlineData("jean\u200B@exemple.fr")]
    [InlineData("jean@exem\u200Bple.fr")]
    [InlineData("jean\u202E@exemple.fr")]
    [InlineData("jean@exemple\u202E.fr")]
    [InlineData("je\u00ADan@exemple.fr")]
    [InlineData("jean@exem\u00ADple.fr")]
    [InlineData("jean\uFEFF@exemple.fr")]
    [InlineData("jean@exemple.fr\r\nBcc: marie@exemple.fr")]
    [InlineData("jean@exemple.fr\n")]
    [InlineData("jean\u0000@exemple.fr")]
    [InlineData("jean\t@exemple.fr")]
    [InlineData("jean@[203.0.113.1]")]
    [InlineData("jean@localhost")]
    [InlineData("jean@exemple.123")]
    [InlineData("jean@@exemple.fr")]
    [InlineData("jean@marie@exemple.fr")]
    [InlineData(".jean@exemple.fr")]
    [InlineData("jean.@exemple.fr")]
    [InlineData("jean..dupont@exemple.fr")]
    [InlineData("jean@exemple.fr.")]
    [InlineData("jean@-exemple.fr")]
    [InlineData("jean@exemple..fr")]
    [InlineData("jean@exemple-.fr")]
    [InlineData("jean@exemple.fr-")]
    [InlineData("jean@.exemple.fr")]
    [InlineData("jean@exemple.fr\uFF0E")] // a full-width dot that becomes a trailing dot once normalised
    [InlineData("jean@exemple.0123456789")]
    [InlineData("jean@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.fr")] // a 64-character label
    [InlineData("@exemple.fr")]
    [InlineData("jean@")]
    [InlineData("jean")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryNormalize_NotABareAddrSpec_IsRefused(string? input)
    {
        Assert.False(EmailAddressNormalizer.TryNormalize(input, out var email, out var code));
        Assert.Null(email);
        Assert.Equal(SubmissionCodes.InvalidEmail, code);
    }

    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData(64, 254, true)]
    [InlineData(65, 200, false)]
    [InlineData(64, 255, false)]
    [InlineData(10, 255, false)]
    public void TryNormalize_LengthLimits_64ForTheLocalPartAnd254InAll(int localLength, int totalLength, bool accepted)
    {
        var input = new string('a', localLength) + "@" + Domain(totalLength - localLength - 1);
        Assert.Equal(totalLength, input.Length);

        var ok = EmailAddressNormalizer.TryNormalize(input, out var email, out var code);

        Assert.Equal(accepted, ok);
        if (accepted)
        {
            Assert.Equal(input, email!.Address);
        }
        else
        {
            Assert.Equal(SubmissionCodes.EmailTooLong, code);
        }
    }

    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData("jean.dupont@exemple.fr")]
    [InlineData("Jean.Dupont@Exemple.FR")]
    [InlineData("JEAN.DUPONT@EXEMPLE.FR")]
    [InlineData("  jean.dupont@exemple.fr\t")]
    public void TryNormalize_DifferentCasingAndSurroundingBlanks_GiveOneKey(string input)
    {
        Assert.True(EmailAddressNormalizer.TryNormalize(input, out var email, out _));

        Assert.Equal("jean.dupont@exemple.fr", email.Key);
        Assert.EndsWith("@exemple.fr", email.Address, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData("jean@bücher.de")]
    [InlineData("jean@xn--bcher-kva.de")]
    [InlineData("Jean@BÜCHER.DE")]
    [InlineData("JEAN@XN--BCHER-KVA.DE")]
    [InlineData("jean@bu\u0308cher.de")]
    public void TryNormalize_IdnDomainItsPunycodeAndCasing_GiveOneKeyWithAnAsciiDomain(string input)
    {
        Assert.True(EmailAddressNormalizer.TryNormalize(input, out var email, out _));

        Assert.Equal("jean@xn--bcher-kva.de", email.Key);
        Assert.EndsWith("@xn--bcher-kva.de", email.Address, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-5")]
    public void TryNormalize_LocalPartCase_KeptInTheAddressButNotInTheKey()
    {
        Assert.True(EmailAddressNormalizer.TryNormalize("Jean.Dupont@Exemple.FR", out var email, out _));

        Assert.Equal(new NormalizedEmail("Jean.Dupont@exemple.fr", "jean.dupont@exemple.fr"), email);
    }

    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData("jean+salon@exemple.fr")]
    [InlineData("o'brien@exemple.ie")]
    [InlineData("j_d-1@sous.domaine.exemple.fr")]
    [InlineData("jean@123.exemple.fr")]
    [InlineData("jean@exemple.fr2")]
    [InlineData("jean@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.fr")] // a 63-character label
    public void TryNormalize_OrdinaryAddresses_AreAccepted(string input)
    {
        Assert.True(EmailAddressNormalizer.TryNormalize(input, out var email, out var code));
        Assert.Null(code);
        Assert.Equal(input, email.Address);
    }

    /// <summary>An ASCII domain of exactly <paramref name="length"/> characters: labels of at most 63, ending in .fr.</summary>
    private static string Domain(int length)
    {
        var labels = new List<string>();
        var remaining = length - 3;
        while (remaining > 0)
        {
            var label = Math.Min(63, remaining);
            if (remaining - label == 1)
            {
                label--;
            }

            labels.Add(new string((char)('b' + labels.Count), label));
            remaining -= label + 1;
        }

        return string.Join('.', labels) + ".fr";
    }
}
