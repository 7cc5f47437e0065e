using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// Without <c>DoubleOptin:HashKey</c>, the generated suppression key lives in the database: every host on it hashes
/// alike, and so does a host started again later (CFG-6).
/// </summary>
[Trait("Requirement", "CFG-6")]
public abstract class AddressHashKeyTests
{
    private const string Address = "jean.dupont@exemple.fr";

    private protected abstract Task<StoreHost> CreateHostAsync(IDictionary<string, string?>? settings = null);

    [Fact]
    public async Task SuppressionList_AddedOnOneHost_FoundOnAHostStartedLater()
    {
        await using var database = await CreateHostAsync();
        var first = await database.SiblingAsync();
        await first.Services.GetRequiredService<SuppressionList>().AddAsync(Address, "not-me", null, default);
        var firstHash = await HashAsync(first);
        await first.DisposeAsync();

        await using var restarted = await database.SiblingAsync();

        Assert.NotNull(await restarted.Services.GetRequiredService<SuppressionList>().FindAsync(Address, default));
        Assert.Equal(firstHash, await HashAsync(restarted));
    }

    [Fact]
    public async Task HashAsync_TwoHostsFirstUseAtOnce_AgreeOnOneKey()
    {
        await using var first = await CreateHostAsync();
        await using var second = await first.SiblingAsync();

        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => HashAsync(i % 2 == 0 ? first : second))));

        Assert.Single(hashes.Distinct());
    }

    [Fact]
    public async Task HashAsync_TwoDatabasesWithTheSameBaseUrl_HashDifferently()
    {
        await using var first = await CreateHostAsync();
        await using var second = await CreateHostAsync();

        Assert.NotEqual(await HashAsync(first), await HashAsync(second));
    }

    [Fact]
    public async Task HashAsync_HashKeyConfigured_WinsOverTheStoredKey()
    {
        var settings = Some.Settings();
        settings["OptinForms:DoubleOptin:HashKey"] = "a secret kept in user-secrets";
        await using var first = await CreateHostAsync();
        var generated = await HashAsync(first);
        await using var configured = await CreateHostAsync(settings);
        await using var sameKeyElsewhere = await CreateHostAsync(settings);

        Assert.NotEqual(generated, await HashAsync(configured));
        Assert.Equal(await HashAsync(configured), await HashAsync(sameKeyElsewhere));
    }

    private static async Task<string> HashAsync(StoreHost host)
    {
        var options = host.Services.GetRequiredService<IOptions<OptinFormsOptions>>().Value;
        await using var tx = await host.Store.BeginTransactionAsync(default);
        var hash = await AddressHasher.HashAsync(tx, options, Address, default);
        await tx.CommitAsync(default);
        return hash;
    }
}
