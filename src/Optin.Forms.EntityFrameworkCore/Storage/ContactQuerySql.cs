using System.Text;
using Optin.Forms.Contacts;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// Translates a <see cref="ContactQuery"/> into a SQL condition on the contacts table aliased <c>c</c>: the same
/// semantics as <see cref="ContactQuery.Matches"/>, and the single translation every read and bulk statement uses.
/// </summary>
internal static class ContactQuerySql
{
    /// <param name="query">The query.</param>
    /// <param name="args">Collects the statement's arguments.</param>
    /// <param name="range">
    /// When given, the sub-queries on child tables are restricted to this contact id range too, so that a bulk batch
    /// reads one slice of their primary keys instead of letting the planner scan the whole table.
    /// </param>
    public static string Where(ContactQuery query, SqlArguments args, IdRange? range = null)
    {
        string Slice(string column) => range is { } r ? $" AND {r.Sql(args, column)}" : "";
        var sql = new StringBuilder("1 = 1");
        if (query.Kind is { } kind)
        {
            sql.Append($" AND c.{C.Kind} = ").Append(args.Add((int)kind));
        }

        foreach (var field in query.FieldEquals)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM {M.ContactFields} f WHERE f.{C.ContactId} = c.{C.Id}{Slice($"f.{C.ContactId}")} AND f.{C.Name} = ")
                .Append(args.Add(field.Key)).Append($" AND f.{C.Value} = ").Append(args.Add(field.Value)).Append(')');
        }

        if (query.Purpose is { } purpose && query.State is { } state)
        {
            sql.Append(" AND ").Append(StateIs(purpose, state, args, range));
        }

        if (query.Tag is { } tag)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM {M.ContactTags} t WHERE t.{C.ContactId} = c.{C.Id}{Slice($"t.{C.ContactId}")} AND t.{C.Tag} = ")
                .Append(args.Add(tag)).Append(')');
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append($" AND c.{C.CreatedAt} >= ").Append(args.Add(from.ToUnixTimeMilliseconds()));
        }

        if (query.CreatedBefore is { } before)
        {
            sql.Append($" AND c.{C.CreatedAt} < ").Append(args.Add(before.ToUnixTimeMilliseconds()));
        }

        if (query.UpdatedFrom is { } updatedFrom)
        {
            sql.Append($" AND c.{C.UpdatedAt} >= ").Append(args.Add(updatedFrom.ToUnixTimeMilliseconds()));
        }

        if (query.UpdatedBefore is { } updatedBefore)
        {
            sql.Append($" AND c.{C.UpdatedAt} < ").Append(args.Add(updatedBefore.ToUnixTimeMilliseconds()));
        }

        if (query.LastActivityBefore is { } activity)
        {
            sql.Append($" AND c.{C.LastActivityAt} < ").Append(args.Add(activity.ToUnixTimeMilliseconds()));
        }

        if (query.ProcessingRestricted is { } restricted)
        {
            sql.Append($" AND c.{C.ProcessingRestricted} = ").Append(args.Add(restricted));
        }

        return sql.ToString();
    }

    /// <summary>The contact's state for the purpose is <paramref name="state"/> (no row means <c>None</c>).</summary>
    public static string StateIs(string purposeId, OptinState state, SqlArguments args, IdRange? range = null)
    {
        var slice = range is { } r ? $" AND {r.Sql(args, $"o.{C.ContactId}")}" : "";
        return state == OptinState.None
            ? $"NOT EXISTS (SELECT 1 FROM {M.ContactOptins} o WHERE o.{C.ContactId} = c.{C.Id}{slice} AND o.{C.PurposeKey} = {args.Add(PurposeKey(purposeId))} AND o.{C.State} <> 0)"
            : $"EXISTS (SELECT 1 FROM {M.ContactOptins} o WHERE o.{C.ContactId} = c.{C.Id}{slice} AND o.{C.PurposeKey} = {args.Add(PurposeKey(purposeId))} AND o.{C.State} = {args.Add((int)state)})";
    }

    /// <summary>Purpose ids compare case-insensitively; the key column holds them in lower case.</summary>
    public static string PurposeKey(string purposeId) => purposeId.ToLowerInvariant();
}
