using System.Reflection;
using Optin.Forms.Storage;

namespace Optin.Forms.Tests.Storage;

/// <summary>The store's seams stay small enough for a host to implement (issue #16): one concern, about 8 members each.</summary>
public sealed class StoreSeamsTests
{
    private const int MaxMembers = 8;

    public static TheoryData<Type> Seams()
    {
        var data = new TheoryData<Type>();
        foreach (var root in new[] { typeof(IOptinStore), typeof(IOptinTransaction) })
        {
            data.Add(root);
            foreach (var part in root.GetProperties().Select(p => p.PropertyType).Distinct())
            {
                data.Add(part);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seams))]
    public void Seam_HasAtMostEightMembers(Type seam)
    {
        // The store and the transaction are containers: their parts are counted on their own, their methods here.
        var container = seam == typeof(IOptinStore) || seam == typeof(IOptinTransaction);
        var members = seam.GetMembers()
            .Where(m => m is not MethodInfo { IsSpecialName: true } && !(container && m is PropertyInfo))
            .Select(m => m.Name).ToList();

        Assert.True(members.Count <= MaxMembers, $"{seam.Name} has {members.Count} members: {string.Join(", ", members)}");
    }

    [Fact]
    public void TransactionParts_MethodsDoNotRepeatThePartName()
    {
        foreach (var part in typeof(IOptinTransaction).GetProperties())
        {
            var singular = part.Name.TrimEnd('s');
            var repeating = part.PropertyType.GetMethods().Where(m => m.Name.Contains(singular, StringComparison.Ordinal)).Select(m => m.Name);

            Assert.True(!repeating.Any(), $"tx.{part.Name}: {string.Join(", ", repeating)}");
        }
    }

    [Fact]
    public void Transaction_HoldsPartsAndCommitOnly()
    {
        var methods = typeof(IOptinTransaction).GetMethods().Where(m => !m.IsSpecialName).Select(m => m.Name);

        Assert.Equal(["CommitAsync"], methods);
        Assert.True(typeof(IAsyncDisposable).IsAssignableFrom(typeof(IOptinTransaction)));
    }
}
