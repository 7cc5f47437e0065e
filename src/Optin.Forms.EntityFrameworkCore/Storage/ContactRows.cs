using System.Data.Common;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// A contact and its fields, tags and opt-ins, read and written inside a transaction with prepared statements
/// (<see cref="RowCommands"/>): one statement per row, no change tracking.
/// </summary>
internal static class ContactRows
{
    private const string Columns =
        $"{C.Id}, {C.Kind}, {C.Email}, {C.EmailKey}, {C.ObjectedToMarketing}, {C.ProcessingRestricted}, {C.CreatedAt}, {C.UpdatedAt}, "
        + $"{C.LastActivityAt}";

    /// <summary>A contact's child rows (<c>@p0</c> is its id), in the order <see cref="ReadChildrenAsync"/> reads them.</summary>
    private const string ChildrenById = $"SELECT {C.Name}, {C.Value} FROM {M.ContactFields} WHERE {C.ContactId} = @p0; "
        + $"SELECT {C.Tag} FROM {M.ContactTags} WHERE {C.ContactId} = @p0; "
        + $"SELECT {C.PurposeKey}, {C.PurposeId}, {C.State}, {C.ChangedAt} FROM {M.ContactOptins} WHERE {C.ContactId} = @p0";

    /// <summary>The contact and its child rows in one command of four statements (one round trip, one binding).</summary>
    private const string ById = $"SELECT {Columns} FROM {M.Contacts} WHERE {C.Id} = @p0; {ChildrenById}";

    /// <summary>
    /// On PostgreSQL, inside a write transaction: <see cref="ById"/> with the contact's row locked first, so that its child
    /// rows are read once the lock is held (each statement of the command reads what is committed when it starts).
    /// </summary>
    private const string ByIdLocked = $"SELECT {Columns} FROM {M.Contacts} WHERE {C.Id} = @p0 FOR UPDATE; {ChildrenById}";

    /// <summary>Whether the contact exists; on PostgreSQL (<see cref="LockAsync"/>) its row is locked.</summary>
    private const string Exists = $"SELECT 1 FROM {M.Contacts} WHERE {C.Id} = @p0";

    private const string ExistsLocked = $"{Exists} FOR UPDATE";

    /// <summary>
    /// On SQLite, the contact alone: most look-ups by address are for a new one (a sign-up), and then one statement
    /// runs instead of four (Microsoft.Data.Sqlite runs every statement of a command, even after the first found
    /// nothing); its child rows are read by id once it is found.
    /// </summary>
    private const string ByEmailKey = $"SELECT {Columns} FROM {M.Contacts} WHERE {C.EmailKey} = @p0";

    private const string HolderOf = $"(SELECT {C.Id} FROM {M.Contacts} WHERE {C.EmailKey} = @p0)";

    private const string ChildrenByHolder = $"SELECT {C.Name}, {C.Value} FROM {M.ContactFields} WHERE {C.ContactId} = {HolderOf}; "
        + $"SELECT {C.Tag} FROM {M.ContactTags} WHERE {C.ContactId} = {HolderOf}; "
        + $"SELECT {C.PurposeKey}, {C.PurposeId}, {C.State}, {C.ChangedAt} FROM {M.ContactOptins} WHERE {C.ContactId} = {HolderOf}";

    /// <summary>On PostgreSQL, the contact and its child rows in one round trip, whether it is found or not.</summary>
    private const string WithChildrenByEmailKey = $"{ByEmailKey}; {ChildrenByHolder}";

    /// <summary>On PostgreSQL, inside a write transaction: <see cref="WithChildrenByEmailKey"/> with the contact's row locked first.</summary>
    private const string WithChildrenByEmailKeyLocked = $"{ByEmailKey} FOR UPDATE; {ChildrenByHolder}";
    /// <summary>Inserts a new contact; changes nothing when the id exists (0 rows), so the caller updates instead.</summary>
    private const string Insert = $"INSERT INTO {M.Contacts} ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) "
        + $"ON CONFLICT ({C.Id}) DO NOTHING";

    private const string Update = $"UPDATE {M.Contacts} SET {C.Kind} = @p1, {C.Email} = @p2, {C.EmailKey} = @p3, {C.ObjectedToMarketing} = @p4, "
        + $"{C.ProcessingRestricted} = @p5, {C.CreatedAt} = @p6, {C.UpdatedAt} = @p7, {C.LastActivityAt} = @p8 WHERE {C.Id} = @p0";

    private const string DeleteFields = $"DELETE FROM {M.ContactFields} WHERE {C.ContactId} = @p0";
    private const string DeleteTags = $"DELETE FROM {M.ContactTags} WHERE {C.ContactId} = @p0";
    private const string DeleteOptins = $"DELETE FROM {M.ContactOptins} WHERE {C.ContactId} = @p0";
    private const string InsertField = $"INSERT INTO {M.ContactFields} ({C.ContactId}, {C.Name}, {C.Value}) VALUES (@p0, @p1, @p2)";
    private const string InsertTag = $"INSERT INTO {M.ContactTags} ({C.ContactId}, {C.Tag}) VALUES (@p0, @p1)";

    private const string InsertOptin =
        $"INSERT INTO {M.ContactOptins} ({C.ContactId}, {C.PurposeKey}, {C.PurposeId}, {C.State}, {C.ChangedAt}) VALUES (@p0, @p1, @p2, @p3, @p4)";

    /// <summary>The contact with this id, or null.</summary>
    /// <param name="rows">The connection's statements.</param>
    /// <param name="contactId">The contact's id.</param>
    /// <param name="locked">
    /// Inside a write transaction: on PostgreSQL, the contact's row is locked until the transaction ends, so that no other
    /// transaction changes or deletes it in between (SQLite's writers are serialised already).
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static ValueTask<Contact?> FindByIdAsync(RowCommands rows, Guid contactId, bool locked, CancellationToken cancellationToken) =>
        FindAsync(rows, locked && rows.Dialect.IsPostgreSql ? ByIdLocked : ById, contactId, cancellationToken);

    /// <summary>The contact with this address comparison key, or null.</summary>
    /// <param name="rows">The connection's statements.</param>
    /// <param name="emailKey">The address comparison key.</param>
    /// <param name="locked">As for <see cref="FindByIdAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async ValueTask<Contact?> FindByEmailKeyAsync(RowCommands rows, string emailKey, bool locked, CancellationToken cancellationToken)
    {
        if (rows.Dialect.IsPostgreSql)
        {
            return await FindAsync(rows, locked ? WithChildrenByEmailKeyLocked : WithChildrenByEmailKey, emailKey, cancellationToken);
        }

        ContactEntity row;
        await using (var reader = await rows.ExecuteReaderAsync(ByEmailKey, cancellationToken, emailKey))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            row = ReadContact(reader);
        }

        await using var children = await rows.ExecuteReaderAsync(ChildrenById, cancellationToken, row.Id);
        return await ReadChildrenAsync(children, row, cancellationToken);
    }

    /// <summary>
    /// Whether the contact exists; on PostgreSQL, its row is locked until the transaction ends (an erasure takes the
    /// contact first, as every other write transaction does, before the rows that depend on it).
    /// </summary>
    public static async ValueTask<bool> LockAsync(RowCommands rows, Guid contactId, CancellationToken cancellationToken)
    {
        await using var reader = await rows.ExecuteReaderAsync(rows.Dialect.IsPostgreSql ? ExistsLocked : Exists, cancellationToken, contactId);
        return await reader.ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the contact, or updates it and replaces its child rows. An address held by another contact is refused
    /// by its unique index (invariant 3), before any child row is written.
    /// </summary>
    /// <param name="rows">The transaction's statements.</param>
    /// <param name="contact">The contact as it is to be stored.</param>
    /// <param name="existing">
    /// Whether the caller's copy comes from a read of a stored contact: then it is only ever updated, and a contact
    /// deleted since (erased) is not inserted again.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The contact as a read would now return it; null when <paramref name="existing"/> and no row was there to update.</returns>
    public static async ValueTask<Contact?> SaveAsync(RowCommands rows, Contact contact, bool existing, CancellationToken cancellationToken)
    {
        const string Taken = "Another contact already holds this email address.";
        var row = EntityMapper.ToEntity(contact);
        var values = new object?[]
        {
            row.Id, row.Kind, row.Email, row.EmailKey, row.ObjectedToMarketing, row.ProcessingRestricted, row.CreatedAt,
            row.UpdatedAt, row.LastActivityAt,
        };
        if (existing)
        {
            if (await rows.ExecuteUniqueAsync(Update, Taken, cancellationToken, values) == 0)
            {
                return null;
            }

            await DeleteChildrenAsync(rows, contact.Id, cancellationToken);
        }
        else if (await rows.ExecuteUniqueAsync(Insert, Taken, cancellationToken, values) == 0)
        {
            // The id exists: an update, whose new address may still clash with another contact's.
            await rows.ExecuteUniqueAsync(Update, Taken, cancellationToken, values);
            await DeleteChildrenAsync(rows, contact.Id, cancellationToken);
        }

        var fields = EntityMapper.Fields(contact).ToList();
        foreach (var field in fields)
        {
            await rows.ExecuteAsync(InsertField, cancellationToken, field.ContactId, field.Name, field.Value);
        }

        var tags = EntityMapper.Tags(contact).ToList();
        foreach (var tag in tags)
        {
            await rows.ExecuteAsync(InsertTag, cancellationToken, tag.ContactId, tag.Tag);
        }

        var optins = EntityMapper.Optins(contact).ToList();
        foreach (var optin in optins)
        {
            await rows.ExecuteAsync(InsertOptin, cancellationToken, optin.ContactId, optin.PurposeKey, optin.PurposeId, optin.State, optin.ChangedAt);
        }

        return EntityMapper.ToContact(row, fields, tags, optins);
    }

    private static async ValueTask DeleteChildrenAsync(RowCommands rows, Guid contactId, CancellationToken cancellationToken)
    {
        await rows.ExecuteAsync(DeleteFields, cancellationToken, contactId);
        await rows.ExecuteAsync(DeleteTags, cancellationToken, contactId);
        await rows.ExecuteAsync(DeleteOptins, cancellationToken, contactId);
    }

    /// <summary>Runs a command of four statements: the contact, then its child rows as <see cref="ChildrenById"/> reads them.</summary>
    private static async ValueTask<Contact?> FindAsync(RowCommands rows, string sql, object key, CancellationToken cancellationToken)
    {
        await using var reader = await rows.ExecuteReaderAsync(sql, cancellationToken, key);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = ReadContact(reader);
        await reader.NextResultAsync(cancellationToken);
        return await ReadChildrenAsync(reader, row, cancellationToken);
    }

    /// <summary>Reads the three results of <see cref="ChildrenById"/>, the reader standing on the first.</summary>
    private static async ValueTask<Contact> ReadChildrenAsync(DbDataReader reader, ContactEntity row, CancellationToken cancellationToken)
    {
        var fields = new List<ContactFieldEntity>();
        var tags = new List<ContactTagEntity>();
        var optins = new List<ContactOptinEntity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            fields.Add(new ContactFieldEntity { ContactId = row.Id, Name = reader.GetString(0), Value = reader.GetString(1) });
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tags.Add(new ContactTagEntity { ContactId = row.Id, Tag = reader.GetString(0) });
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            optins.Add(new ContactOptinEntity
            {
                ContactId = row.Id,
                PurposeKey = reader.GetString(0),
                PurposeId = reader.GetString(1),
                State = reader.GetInt32(2),
                ChangedAt = reader.GetInt64(3),
            });
        }

        return EntityMapper.ToContact(row, fields, tags, optins);
    }

    private static ContactEntity ReadContact(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Kind = r.GetInt32(1),
        Email = r.GetString(2),
        EmailKey = r.GetString(3),
        ObjectedToMarketing = r.GetBoolean(4),
        ProcessingRestricted = r.GetBoolean(5),
        CreatedAt = r.GetInt64(6),
        UpdatedAt = r.GetInt64(7),
        LastActivityAt = r.GetInt64(8),
    };
}
