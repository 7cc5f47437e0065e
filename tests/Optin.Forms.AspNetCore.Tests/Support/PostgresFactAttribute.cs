namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>A fact that needs the PostgreSQL server named by <c>OPTIN_TEST_POSTGRES</c>; skipped without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "OPTIN_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = $"PostgreSQL tests need {Variable} (a connection string to a server on 127.0.0.1; .ci/services/postgres.sh starts one).";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
