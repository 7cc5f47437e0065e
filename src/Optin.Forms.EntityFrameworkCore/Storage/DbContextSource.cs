using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// Gets contexts from <see cref="IDbContextFactory{TContext}"/> when one is registered, otherwise from a new service
/// scope per context (a host that registered its context with <c>AddDbContext</c>).
/// </summary>
internal sealed class DbContextSource<TContext>(IServiceProvider services) : IOptinDbContextSource
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory = services.GetService<IDbContextFactory<TContext>>();

    public async ValueTask<DbContextLease> CreateAsync(CancellationToken cancellationToken)
    {
        if (_factory is not null)
        {
            return new DbContextLease(await _factory.CreateDbContextAsync(cancellationToken), null);
        }

        var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return new DbContextLease(scope.ServiceProvider.GetRequiredService<TContext>(), new ScopeOwner(scope));
    }

    /// <summary>The scope owns the context: disposing the lease disposes the scope (the context's second dispose is a no-op).</summary>
    private sealed class ScopeOwner(AsyncServiceScope scope) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
