using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// Columns are named once, in <see cref="OptinColumns"/>: the model takes every column name from there (the shipped
/// migrations still match it: <see cref="EntityFrameworkCoreStoreTests"/>), and no name there is left unused by it.
/// </summary>
public sealed class OptinColumnsTests
{
    [Fact]
    public async Task Model_EveryColumn_IsNamedByItsConstant_AndEveryConstantIsAColumn()
    {
        await using var host = await StoreHost.SqliteAsync();
        await using var lease = await host.Services.GetRequiredService<IOptinDbContextSource>().CreateAsync(CancellationToken.None);
        var model = lease.Context.Model;
        var columns = model.GetEntityTypes().SelectMany(t => t.GetProperties()).ToList();
        Assert.All(columns, p => Assert.Equal(OptinColumns.For(p.Name), p.GetColumnName()));

        var constants = typeof(OptinColumns).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => f.Name);
        Assert.Empty(constants.Except(columns.Select(p => p.Name)));
    }

    [Fact]
    public void For_PropertyWithoutConstant_SaysWhatToAdd() =>
        Assert.Equal("OptinColumns has no column for the property 'Nickname': add one.",
            Assert.Throws<InvalidOperationException>(() => OptinColumns.For("Nickname")).Message);
}
