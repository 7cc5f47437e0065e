using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Where the store gets a fresh context for each read or transaction.</summary>
internal interface IOptinDbContextSource
{
    /// <summary>A new context; dispose the lease when done.</summary>
    ValueTask<DbContextLease> CreateAsync(CancellationToken cancellationToken);
}
