using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>SQLite's SQL: GUIDs as EF Core's upper-case text, untyped NULLs, statements stepped on the connection's handle.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private SqliteDialect()
        : base(isPostgreSql: false)
    {
    }

    public static SqliteDialect Instance { get; } = new();

    /// <summary>A new random GUID per row as the upper-case text EF Core writes on SQLite (version 4 layout).</summary>
    public override string NewGuid =>
        "(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
        + "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    /// <summary>A GUID as stored: upper-case text (EF Core's format on SQLite).</summary>
    public override object Key(Guid value) => value.ToString().ToUpperInvariant();

    public override string TypedNull(string postgreSqlType) => "NULL";

    public override bool IsUniqueViolation(Exception? exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }; // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY

    public override IRowStatementRunner? CreateRunner(DbConnection connection) =>
        connection is SqliteConnection sqlite ? new SqliteHandleStatements(sqlite) : null;
}
