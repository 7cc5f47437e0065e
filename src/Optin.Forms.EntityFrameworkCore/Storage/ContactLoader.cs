using Microsoft.EntityFrameworkCore;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Reads the child rows of a page of contacts (the query reader); single contacts are read by <see cref="ContactRows"/>.</summary>
internal static class ContactLoader
{
    /// <summary>Loads the child rows of <paramref name="rows"/> in three queries and builds the contacts, in order.</summary>
    public static async ValueTask<List<Contact>> LoadAsync(DbContext db, IReadOnlyList<ContactEntity> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var fields = (await db.Set<ContactFieldEntity>().AsNoTracking().Where(f => ids.Contains(f.ContactId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.ContactId);
        var tags = (await db.Set<ContactTagEntity>().AsNoTracking().Where(t => ids.Contains(t.ContactId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ContactId);
        var optins = (await db.Set<ContactOptinEntity>().AsNoTracking().Where(o => ids.Contains(o.ContactId)).ToListAsync(cancellationToken))
            .ToLookup(o => o.ContactId);
        return rows.Select(r => EntityMapper.ToContact(r, fields[r.Id], tags[r.Id], [.. optins[r.Id]])).ToList();
    }
}
