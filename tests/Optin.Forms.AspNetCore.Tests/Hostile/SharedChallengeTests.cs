using System.Net;
using Npgsql;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>
/// <c>Abuse:Challenge</c> on two hosts sharing one PostgreSQL database: one generated key signs for both, and a solution
/// used on one host is refused on the other.
/// </summary>
[Trait("Feature", "Challenge")]
[Trait("Requirement", "ABU-6")]
public sealed class SharedChallengeTests
{
    private static OptinWebFactory Host(string database) => new(
        ("OptinForms:Forms:newsletter:Abuse:Challenge", "true"), ("OptinForms:Abuse:Challenge:MaxNumber", "500"),
        ("OptinForms:Storage:Provider", "PostgreSql"), ("ConnectionStrings:Optin", database));

    private static async Task<HttpStatusCode> PostAsync(OptinWebFactory host, string payload, string email)
    {
        var session = new FormSession(host.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        session.Hidden["__optin_altcha"] = payload;
        return (await session.PostAsync("newsletter", ("email", email), ("consent.newsletter", "true"))).StatusCode;
    }

    [PostgresFact]
    public async Task Solution_IssuedByOneHost_IsAcceptedOnceByTheOther_ThenRefusedOnBoth()
    {
        var server = PostgresFactAttribute.ConnectionString!;
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
            using var first = Host(database);
            using var second = Host(database);
            var issued = new FormSession(first.Client());
            await issued.OpenAsync("/optin/forms/newsletter");
            var payload = ChallengeSolver.Solve(ChallengeSolver.FromHtml(issued.Html));

            Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(second, payload, Some.Email("a")));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(first, payload, Some.Email("b")));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(second, payload, Some.Email("c")));
            Assert.Equal(1, await first.ContactCountAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
