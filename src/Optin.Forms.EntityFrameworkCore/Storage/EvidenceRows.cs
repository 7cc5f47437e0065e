using Optin.Forms.Consent;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>EVD-1: the content archive (insert-if-absent) and the access log, as prepared statements (<see cref="RowCommands"/>).</summary>
internal static class EvidenceRows
{
    /// <summary>
    /// Adds the content unless its hash is there. On PostgreSQL, a concurrent uncommitted insert of the same hash makes
    /// this one wait, then do nothing once the other commits: the first <c>stored_at</c> is kept.
    /// </summary>
    private const string AddContent = $"INSERT INTO {M.Content} ({C.Sha256}, {C.Kind}, {C.MediaType}, {C.Content}, {C.StoredAt}) VALUES (@p0, @p1, @p2, @p3, @p4) "
        + $"ON CONFLICT ({C.Sha256}) DO NOTHING";

    private const string AddAccess = $"INSERT INTO {M.EvidenceAccess} ({C.Id}, {C.ContactId}, {C.Actor}, {C.Action}, {C.At}) VALUES (@p0, @p1, @p2, @p3, @p4)";

    public static async ValueTask AddContentAsync(RowCommands rows, ArchivedContent c, CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(AddContent, cancellationToken, c.Sha256.ToLowerInvariant(), c.Kind, c.MediaType, c.Content,
            c.StoredAt.ToUnixTimeMilliseconds());

    public static async ValueTask AddAccessAsync(RowCommands rows, EvidenceAccess a, CancellationToken cancellationToken) =>
        await rows.ExecuteUniqueAsync(AddAccess, $"The access {a.Id} is already logged.", cancellationToken, a.Id, a.ContactId, a.Actor, a.Action,
            a.At.ToUnixTimeMilliseconds());
}
