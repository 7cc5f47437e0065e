using Optin.Forms.Contacts;

namespace Optin.Forms.Storage;

/// <summary>Reads committed contacts.</summary>
public interface IContactReader
{
    /// <summary>The contact with this id, or <see langword="null"/>.</summary>
    ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>The contact with this address comparison key, or <see langword="null"/>.</summary>
    ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken);

    /// <summary>Streams the contacts matching <paramref name="query"/>, ordered by creation then id.</summary>
    IAsyncEnumerable<Contact> QueryAsync(ContactQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the contacts matching <paramref name="query"/> (a bulk change's dry run).</summary>
    ValueTask<long> CountAsync(ContactQuery query, CancellationToken cancellationToken);
}
