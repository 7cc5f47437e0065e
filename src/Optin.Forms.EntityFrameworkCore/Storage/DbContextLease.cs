using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>A context and whatever must be disposed with it (a service scope, for hosts without a factory).</summary>
internal sealed class DbContextLease(DbContext context, IAsyncDisposable? owner) : IAsyncDisposable
{
    public DbContext Context { get; } = context;

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }
}
