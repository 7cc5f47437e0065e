using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>The few SQL differences between the supported providers.</summary>
internal sealed class SqlDialect
{
    private SqlDialect(bool isPostgreSql) => IsPostgreSql = isPostgreSql;

    public static SqlDialect PostgreSql { get; } = new(true);

    public static SqlDialect Sqlite { get; } = new(false);

    public bool IsPostgreSql { get; }

    /// <summary>
    /// A new random GUID per row, in the stored format: PostgreSQL's uuid, or the upper-case text EF Core writes on
    /// SQLite (version 4 layout).
    /// </summary>
    public string NewGuid => IsPostgreSql
        ? "gen_random_uuid()"
        : "(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
          + "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    /// <summary>A GUID as stored: a uuid on PostgreSQL, upper-case text on SQLite (EF Core's format there).</summary>
    public object Key(Guid value) => IsPostgreSql ? value : value.ToString().ToUpperInvariant();

    public static SqlDialect For(DbContext context)
    {
        var provider = context.Database.ProviderName ?? "";
        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return PostgreSql;
        }

        if (provider.Contains("Sqlite", StringComparison.Ordinal))
        {
            return Sqlite;
        }

        throw new NotSupportedException(
            $"Optin.Forms.EntityFrameworkCore supports SQLite and PostgreSQL; the context uses '{provider}'.");
    }

    /// <summary>A NULL the database can type in a select list (PostgreSQL cannot infer it there).</summary>
    public string TypedNull(string postgreSqlType) => IsPostgreSql ? $"CAST(NULL AS {postgreSqlType})" : "NULL";
}
