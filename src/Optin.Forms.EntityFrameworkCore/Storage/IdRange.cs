namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Contact ids in (<see cref="Lower"/>, <see cref="Upper"/>]; a missing bound is open.</summary>
/// <remarks>Each bulk batch reads one slice of the contacts' primary key, so the whole run stays linear.</remarks>
internal readonly record struct IdRange(Guid? Lower, Guid? Upper)
{
    public string Sql(SqlArguments args, string column = "c.id") =>
        (Lower is { } l ? $"{column} > {args.Add(l)}" : "1 = 1") + (Upper is { } u ? $" AND {column} <= {args.Add(u)}" : "");
}
