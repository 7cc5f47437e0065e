using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Reads contacts with their child rows; shared by the readers and the transactions.</summary>
internal static class ContactLoader
{
    public static async ValueTask<Contact?> FindAsync(DbContext db, Expression<Func<ContactEntity, bool>> predicate,
        CancellationToken cancellationToken)
    {
        var row = await db.Set<ContactEntity>().AsNoTracking().FirstOrDefaultAsync(predicate, cancellationToken);
        return row is null ? null : (await LoadAsync(db, [row], cancellationToken))[0];
    }

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
