using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;

namespace Optin.Forms.EntityFrameworkCore.DependencyInjection;

/// <summary>Options of the EF Core store, returned by <c>UseEntityFrameworkCore</c>.</summary>
public sealed class OptinEntityFrameworkCoreBuilder
{
    internal OptinEntityFrameworkCoreBuilder(OptinFormsBuilder parent) => Parent = parent;

    /// <summary>The Optin.Forms builder, to keep configuring.</summary>
    public OptinFormsBuilder Parent { get; }

    /// <summary>
    /// Applies pending migrations when the host starts (opt-in: many teams run <c>dotnet ef database update</c> or a
    /// migration bundle in their deployment instead). On SQLite it also switches the database to WAL journaling so
    /// that readers do not wait for writers.
    /// </summary>
    /// <returns>This builder.</returns>
    public OptinEntityFrameworkCoreBuilder ApplyMigrationsAtStartup()
    {
        var services = Parent.Services;
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OptinDatabaseInitializer)))
        {
            // First of all hosted services (they start in registration order): the job worker and the sweepers then
            // never poll a database whose tables do not exist yet.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, OptinDatabaseInitializer>());
        }

        return this;
    }
}
