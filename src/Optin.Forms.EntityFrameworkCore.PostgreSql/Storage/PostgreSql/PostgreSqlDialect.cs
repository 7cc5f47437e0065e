using Npgsql;

namespace Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;

/// <summary>PostgreSQL's SQL: uuids, typed NULLs in select lists, unique violations by SQLSTATE.</summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    private PostgreSqlDialect()
        : base(isPostgreSql: true)
    {
    }

    public static PostgreSqlDialect Instance { get; } = new();

    public override string NewGuid => "gen_random_uuid()";

    /// <summary>A GUID as stored: a uuid.</summary>
    public override object Key(Guid value) => value;

    public override string TypedNull(string postgreSqlType) => $"CAST(NULL AS {postgreSqlType})";

    public override bool IsUniqueViolation(Exception? exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
