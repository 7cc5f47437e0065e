using System.Data.Common;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The few SQL differences between the supported providers, implemented by each provider package
/// (<see cref="OptinStorageProvider.Dialect"/>). The provider-neutral store picks its SQL texts with
/// <see cref="IsPostgreSql"/>; everything that needs the provider's own ADO.NET types is behind a member here.
/// </summary>
internal abstract class SqlDialect
{
    protected SqlDialect(bool isPostgreSql) => IsPostgreSql = isPostgreSql;

    /// <summary>Whether the database speaks PostgreSQL (row locks, advisory locks, arrays, <c>RETURNING</c> with CTEs).</summary>
    public bool IsPostgreSql { get; }

    /// <summary>A new random GUID per row, in the stored format, as a SQL expression.</summary>
    public abstract string NewGuid { get; }

    /// <summary>A GUID as stored (a uuid on PostgreSQL, upper-case text on SQLite: EF Core's formats there).</summary>
    public abstract object Key(Guid value);

    /// <summary>A NULL the database can type in a select list (PostgreSQL cannot infer it there).</summary>
    public abstract string TypedNull(string postgreSqlType);

    /// <summary>Whether <paramref name="exception"/> is a unique or primary-key violation.</summary>
    public abstract bool IsUniqueViolation(Exception? exception);

    /// <summary>
    /// A faster path for the single statements of <see cref="RowCommands"/> on <paramref name="connection"/>, or null
    /// when every statement goes through the ADO.NET provider.
    /// </summary>
    public virtual IRowStatementRunner? CreateRunner(DbConnection connection) => null;
}
