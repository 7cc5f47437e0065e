using Optin.Forms.Import;

namespace Optin.Forms.Tests.Import;

public sealed class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAllAsync(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<CsvRecord>();
        if (await reader.ReadHeaderAsync(default) is { } header)
        {
            records.Add(header);
        }

        while (await reader.ReadAsync(default) is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task ReadAsync_QuotedFieldsAndLineEnds_FollowRfc4180()
    {
        var records = await ReadAllAsync("a,b,c\r\n\"x,1\",\"\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\r\nline\",,last");

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal(["x,1", "", "say \"hi\""], records[1].Fields);
        Assert.Equal(["multi\r\nline", "", "last"], records[2].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData(7000)]
    [InlineData(8190)]
    [InlineData(8191)]
    [InlineData(8192)]
    public async Task ReadAsync_DoubledQuoteAcrossTheBufferEdge_IsOneQuote(int padding)
    {
        var value = new string('x', padding) + "\"\"y";

        var records = await ReadAllAsync($"h\n\"{value}\"\n\"z\"");

        Assert.Equal(new string('x', padding) + "\"y", records[1].Fields[0]);
        Assert.Equal("z", records[2].Fields[0]);
    }

    [Fact]
    public async Task ReadHeaderAsync_MoreSemicolonsThanCommas_SplitsOnSemicolons()
    {
        var records = await ReadAllAsync("email;\"Nom, prénom\";ville\na@b.fr;\"Dupont, Jean\";Lyon");

        Assert.Equal(["email", "Nom, prénom", "ville"], records[0].Fields);
        Assert.Equal(["a@b.fr", "Dupont, Jean", "Lyon"], records[1].Fields);
    }

    [Fact]
    public async Task ReadAsync_OversizedField_ReportsAndKeepsReading()
    {
        var records = await ReadAllAsync($"h\n{new string('x', CsvRecordReader.MaxFieldLength + 1)}\nnext");

        Assert.Contains("longer than", records[1].Error, StringComparison.Ordinal);
        Assert.Equal(("next", null), (records[2].Fields[0], records[2].Error));
    }
}
