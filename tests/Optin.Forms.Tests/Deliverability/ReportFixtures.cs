using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Optin.Forms.Tests.Deliverability;

/// <summary>The DSN and ARF fixtures (Fixtures/*.eml, as real mail servers write them), as written or about one of our messages.</summary>
internal static partial class ReportFixtures
{
    public static MimeMessage Load(string file) => MimeMessage.Load(PathOf(file));

    /// <summary>
    /// The fixture about the message <paramref name="messageId"/> (one we sent): every Message-ID after the report's own
    /// (those of the returned original message) replaced by it, as the recipient's mail system would return it;
    /// <paramref name="reportId"/> gives the report itself another Message-ID (another report about the same mail).
    /// </summary>
    public static MimeMessage Tied(string file, string messageId, string? reportId = null)
    {
        var text = File.ReadAllText(PathOf(file));
        var ids = MessageIds().Matches(text);
        Assert.True(ids.Count >= 2, $"{file} returns no original message with a Message-ID");
        foreach (var original in ids.Skip(1).Select(m => m.Groups[1].Value).Distinct())
        {
            text = text.Replace("<" + original + ">", "<" + messageId + ">", StringComparison.Ordinal);
        }

        if (reportId is not null)
        {
            text = text.Replace("<" + ids[0].Groups[1].Value + ">", "<" + reportId + ">", StringComparison.Ordinal);
        }

        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Deliverability", "Fixtures", file);

    [GeneratedRegex(@"^Message-I[dD]: <([^>]+)>", RegexOptions.Multiline)]
    private static partial Regex MessageIds();
}
