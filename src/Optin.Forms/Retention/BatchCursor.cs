using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.Retention;

/// <summary>
/// Pages through a contact query in creation order without holding a reader open while a batch is written, and
/// without loading every contact: each page is a fresh query starting at the last creation instant seen.
/// </summary>
internal sealed class BatchCursor
{
    private readonly HashSet<Guid> _seenAtCursor = [];
    private Instant? _cursor;

    public async ValueTask<List<Contact>> NextAsync(IContactReader reader, ContactQuery query, int size, CancellationToken cancellationToken)
    {
        var page = new List<Contact>(size);
        var paged = _cursor is { } from && (query.CreatedFrom is null || from > query.CreatedFrom) ? query with { CreatedFrom = from } : query;
        await foreach (var contact in reader.QueryAsync(paged, cancellationToken))
        {
            if (contact.CreatedAt == _cursor && _seenAtCursor.Contains(contact.Id))
            {
                continue;
            }

            if (contact.CreatedAt != _cursor)
            {
                _cursor = contact.CreatedAt;
                _seenAtCursor.Clear();
            }

            _seenAtCursor.Add(contact.Id);
            page.Add(contact);
            if (page.Count == size)
            {
                break;
            }
        }

        return page;
    }
}
