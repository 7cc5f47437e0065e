using Optin.Forms.DependencyInjection;

namespace LandingPage;

/// <summary>Chooses the sample's store from <c>OptinForms:Storage:Provider</c> and <c>ConnectionStrings:Optin</c>.</summary>
internal static partial class SampleStorage
{
    public static void Use(OptinFormsBuilder optin, IConfiguration configuration)
    {
        var provider = configuration["OptinForms:Storage:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) && !provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
            && !provider.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"OptinForms:Storage:Provider: expected Sqlite, PostgreSql or InMemory, found '{provider}'");
        }

        // The EF Core stores (Sqlite, PostgreSql) are wired here once Optin.Forms.EntityFrameworkCore lands; until
        // then every provider runs on the in-memory store, and data lasts as long as the process.
        optin.UseInMemoryStore();
    }
}
