using System.Text;
using Optin.Forms.AspNetCore.Export;

namespace Optin.Forms.AspNetCore.Tests.Export;

public sealed class CsvWriterTests
{
    [Theory]
    [Trait("Issue", "17")]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"")]
    [InlineData("Zoé", "Zoé")]
    [InlineData("a=b", "a=b")]
    [InlineData("Jean, dit \"Jeannot\"", "\"Jean, dit \"\"Jeannot\"\"\"")]
    [InlineData("deux\nlignes", "\"deux\nlignes\"")]
    [InlineData("", "")]
    public void Escape_NeutralisesFormulasThenQuotesAsRfc4180(string value, string expected) => Assert.Equal(expected, CsvWriter.Escape(value));

    [Fact]
    public async Task WriteRowAsync_StartsWithBomAndEndsRecordsWithCrLf()
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream))
        {
            await csv.WriteRowAsync(["email", "prénom"], default);
            await csv.WriteRowAsync(["léa@exemple.fr", "=1+1"], default);
            await csv.WriteRowAsync([null, "x"], default);
        }

        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("email,prénom\r\nléa@exemple.fr,'=1+1\r\n,x\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task FlushAsync_PushesRowsWrittenSoFar_BeforeTheWriterIsDisposed()
    {
        using var stream = new MemoryStream();
        await using var csv = new CsvWriter(stream);
        await csv.WriteRowAsync(["a"], default);
        Assert.Equal(0, stream.Length);

        await csv.FlushAsync(default);

        Assert.Equal(3 + 3, stream.Length);
    }
}
