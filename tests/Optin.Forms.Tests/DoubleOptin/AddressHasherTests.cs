using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>The key of the suppression hashes is a secret: configured, or generated and kept in the store (CFG-6).</summary>
[Trait("Requirement", "CFG-6")]
public sealed class AddressHasherTests
{
    private const string Address = "jean.dupont@exemple.fr";

    [Fact]
    public async Task HashAsync_NoHashKey_TwoStoresWithTheSameBaseUrl_HashDifferently()
    {
        using var first = Some.Services(out _);
        using var second = Some.Services(out _);

        var a = await HashAsync(first, Address);
        var b = await HashAsync(second, Address);

        Assert.NotEqual(a, b);
        // Nothing public gives it away: not the key this package once derived from the base URL.
        var derived = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("Optin.Forms suppression key for https://example.test"),
            Encoding.UTF8.GetBytes(Address)));
        Assert.NotEqual(derived, a);
        Assert.NotEqual(derived, b);
    }

    [Fact]
    public async Task HashAsync_NoHashKey_Uses256RandomBitsKeptInTheStore()
    {
        using var services = Some.Services(out _);

        var hash = await HashAsync(services, Address);

        Assert.Equal(hash, await HashAsync(services, Address));
        await using var tx = await services.GetRequiredService<IOptinStore>().BeginTransactionAsync(default);
        var key = Convert.FromBase64String(await tx.Settings.GetOrAddAsync(AddressHasher.KeySetting, () => "", default));
        Assert.Equal(32, key.Length);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Address))), hash);
    }

    [Fact]
    public async Task HashAsync_HashKeyConfigured_WinsAndNoKeyIsStored()
    {
        var settings = Some.Settings();
        settings["OptinForms:DoubleOptin:HashKey"] = "a secret kept in user-secrets";
        using var first = Some.Services(out _, settings);
        using var second = Some.Services(out _, settings);

        var hash = await HashAsync(first, Address);

        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a secret kept in user-secrets"),
            Encoding.UTF8.GetBytes(Address))), hash);
        Assert.Equal(hash, await HashAsync(second, Address));
        await using var tx = await first.GetRequiredService<IOptinStore>().BeginTransactionAsync(default);
        Assert.Equal("none", await tx.Settings.GetOrAddAsync(AddressHasher.KeySetting, () => "none", default));
    }

    [Fact]
    public async Task SuppressionList_NoHashKey_FindsWhatItAddedAfterTheKeyWasGenerated()
    {
        using var services = Some.Services(out _);
        var list = services.GetRequiredService<SuppressionList>();

        await list.AddAsync("Jean.Dupont@Exemple.fr", SuppressionReasons.NotMe, null, default);

        Assert.NotNull(await list.FindAsync(Address, default));
        Assert.Null(await list.FindAsync("marie.dupont@exemple.fr", default));
    }

    private static async Task<string> HashAsync(IServiceProvider services, string value)
    {
        var options = services.GetRequiredService<IOptions<OptinFormsOptions>>().Value;
        await using var tx = await services.GetRequiredService<IOptinStore>().BeginTransactionAsync(default);
        var hash = await AddressHasher.HashAsync(tx, options, value, default);
        await tx.CommitAsync(default);
        return hash;
    }
}
