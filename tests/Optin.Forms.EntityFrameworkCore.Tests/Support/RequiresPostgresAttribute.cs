namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// Marks a test class that needs the PostgreSQL server named by <c>OPTIN_TEST_POSTGRES</c>; without it, every test
/// of the class (inherited ones included) is reported as skipped by <see cref="PostgresAwareTestFramework"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RequiresPostgresAttribute : Attribute
{
    public const string Variable = "OPTIN_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"PostgreSQL tests need {Variable} (a connection string to a server on 127.0.0.1; .ci/services/postgres.sh starts one).";
}
