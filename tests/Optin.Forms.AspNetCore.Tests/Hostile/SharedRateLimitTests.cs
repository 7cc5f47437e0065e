using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>ABU-6: the rate limits are counted in the store, so they hold across hosts that share it and survive a restart.</summary>
[Trait("Requirement", "ABU-6")]
public sealed class SharedRateLimitTests
{
    private const string Ip = "203.0.113.7";

    private static OptinWebFactory Host(int perIp, params (string Key, string? Value)[] storage) => new(
    [
        ("OptinForms:Abuse:RateLimiting:Enabled", "true"),
        ("OptinForms:Abuse:RateLimiting:PerIpPerMinute", perIp.ToString(CultureInfo.InvariantCulture)),
        .. storage,
    ]);

    private static async Task<HttpStatusCode> PostAsync(OptinWebFactory host, string email, string ip = Ip)
    {
        var session = new FormSession(host.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", r => r.Headers.Add(OptinWebFactory.TestIpHeader, ip),
            ("email", email), ("consent.newsletter", "true"));
        return response.StatusCode;
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task PerIpLimit_IPv6_CountsTheWhole64Network()
    {
        using var host = Host(1);

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(host, Some.Email("a"), "2001:db8:1:2::1"));
        // Another address of the same /64 (what one subscriber line gets): the same budget.
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(host, Some.Email("b"), "2001:db8:1:2:a:b:c:d"));
        // Another /64: a budget of its own.
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(host, Some.Email("c"), "2001:db8:1:3::1"));
        Assert.Equal(2, await host.ContactCountAsync());
    }

    [PostgresFact]
    public async Task PerIpLimit_TwoHostsOnOnePostgreSql_IsSharedAcrossThem()
    {
        var server = PostgresFactAttribute.ConnectionString!;
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
            (string, string?)[] storage = [("OptinForms:Storage:Provider", "PostgreSql"), ("ConnectionStrings:Optin", database)];
            using var first = Host(3, storage);
            using var second = Host(3, storage);

            Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(first, Some.Email("a")));
            Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(second, Some.Email("b")));
            Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(first, Some.Email("c")));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(second, Some.Email("d")));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(first, Some.Email("e")));

            Assert.Equal(3, await second.ContactCountAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    [Fact]
    public async Task PerIpLimit_HostRestartedOnTheSameSqliteFile_KeepsTheCount()
    {
        var folder = Directory.CreateTempSubdirectory("optin-rate-");
        try
        {
            (string, string?)[] storage = [("ConnectionStrings:Optin", $"Data Source={Path.Combine(folder.FullName, "optin.db")}")];
            using (var before = Host(2, storage))
            {
                Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(before, Some.Email("a")));
                Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(before, Some.Email("b")));
            }

            using var after = Host(2, storage);

            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(after, Some.Email("c")));
            Assert.Equal(2, await after.ContactCountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PerIpLimit_InMemoryStore_StillApplies()
    {
        using var host = Host(1, ("OptinForms:Storage:Provider", "InMemory"));

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(host, Some.Email("a")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(host, Some.Email("b")));
        Assert.Equal(1, await host.ContactCountAsync());
    }

    [Fact]
    public async Task PerIpLimit_NextMinute_AcceptsAgain()
    {
        using var host = Host(1);
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(host, Some.Email("a")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(host, Some.Email("b")));

        host.Clock.Advance(NodaTime.Duration.FromMinutes(1));

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(host, Some.Email("c")));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
