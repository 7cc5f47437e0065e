using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Where the store gets a fresh context for each read or transaction.</summary>
internal interface IOptinDbContextSource
{
    /// <summary>A new context; dispose the lease when done.</summary>
    ValueTask<DbContextLease> CreateAsync(CancellationToken cancellationToken);
}

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
