using Optin.Forms.Storage;

namespace Optin.Forms.Tests.Storage;

/// <summary>The buffered random ids given to new records.</summary>
public sealed class RecordIdsTests
{
    [Fact]
    public void New_ManyAcrossRefills_AllVersion4RfcVariantAndDistinct()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => RecordIds.New()).ToList();

        Assert.All(ids, id =>
        {
            Assert.Equal(4, id.Version);
            Assert.Equal(0b10, id.Variant >> 2);
            Assert.Equal('4', id.ToString()[14]);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
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
