using System.Text.RegularExpressions;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;

namespace Optin.Forms.Tests.Jobs;

/// <summary>The Message-IDs given to jobs when they are queued (DOI-10: the ledger's "email sent" entry names it).</summary>
public sealed partial class JobFactoryTests
{
    [Fact]
    public void MessageIdDomain_InternationalFromDomain_IsPutInAsciiOnce()
    {
        var options = new OptinFormsOptions { Mail = new MailOptions { From = "Atelier <contact@café-dupont.fr>" } };

        Assert.Equal("xn--caf-dupont-d7a.fr", JobFactory.MessageIdDomain(options));
    }

    [Fact]
    public void MessageIdDomain_NoFrom_IsTheBaseUrlsHost()
    {
        var options = new OptinFormsOptions { BaseUrl = "https://salon.example.test/optin" };

        Assert.Equal("salon.example.test", JobFactory.MessageIdDomain(options));
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public void NewMessageId_Many_HexThenTheDomainAndAllDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => JobFactory.NewMessageId("example.test")).ToList();

        Assert.All(ids, id => Assert.Matches(MessageIdShape(), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // A random (version 4) GUID, which tells nothing of when the job was made.
        Assert.All(ids, id => Assert.Equal(4, Guid.ParseExact(id[..32], "N").Version));
    }

    [GeneratedRegex("^[0-9a-f]{32}@example\\.test$")]
    private static partial Regex MessageIdShape();
}
