using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.Tests.Storage;

/// <summary>The buffered, time-ordered ids given to new records.</summary>
public sealed class RecordIdsTests
{
    [Fact]
    public void New_ManyAcrossRefills_AllVersion7RfcVariantAndDistinct()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => RecordIds.New()).ToList();

        Assert.All(ids, id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
            Assert.Equal('7', id.ToString()[14]);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void NewRandom_ManyAcrossRefillsMixedWithVersion7_AllVersion4RfcVariantAndDistinct()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? RecordIds.New() : RecordIds.NewRandom()).ToList();
        var random = ids.Where((_, i) => i % 3 != 0).ToList();

        Assert.All(random, id =>
        {
            Assert.Equal(4, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // No time prefix: the first 48 bits are random, not the clock's milliseconds (which every version 7 id shares here).
        Assert.True(random.Select(id => id.ToString("N")[..8]).Distinct().Count() > random.Count / 2);
    }

    [Fact]
    public void New_AtAnInstant_StartsWithItsUnixMilliseconds()
    {
        var at = Instant.FromUtc(2026, 11, 29, 9, 30, 15) + Duration.FromMilliseconds(123);

        var id = RecordIds.New(at);

        Assert.Equal(at.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture),
            id.ToString("N")[..12]);
    }

    [Fact]
    public void New_LaterInstants_SortLaterAsTextAndAsUpperCaseText()
    {
        var t0 = Instant.FromUtc(2026, 11, 29, 9, 0);
        var ids = Enumerable.Range(0, 500).Select(i => RecordIds.New(t0 + Duration.FromMilliseconds(i * 7))).ToList();

        // The text EF Core stores on SQLite is the upper-case canonical form: its order is the ids' time order.
        var texts = ids.Select(id => id.ToString().ToUpperInvariant()).ToList();
        Assert.Equal(texts, texts.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Select(id => id.ToString()), ids.Select(id => id.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task New_OnSeveralThreads_NoDuplicates()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 1000).Select(_ => RecordIds.New()).ToList())));

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
