using System.Diagnostics.CodeAnalysis;

namespace Optin.Forms.Storage;

/// <summary>
/// One table of the in-memory store: the committed rows plus the pending writes of the one open transaction (an
/// overlay), applied by <see cref="Commit"/> and dropped by <see cref="Discard"/>.
/// </summary>
/// <remarks>
/// Only the transaction holding the store's write lock touches the overlay, and only it (or a job operation holding
/// the same lock) changes <see cref="Committed"/>, under the store's read lock; readers outside the transaction read
/// <see cref="Committed"/> under that read lock.
/// </remarks>
internal sealed class InMemoryTable<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Above this many pending writes, the overlay is replaced instead of cleared (clearing costs its capacity).</summary>
    private const int LargeOverlay = 1024;

    private readonly IEqualityComparer<TKey>? _comparer;
    private Dictionary<TKey, Pending> _pending;

    public InMemoryTable(IEqualityComparer<TKey>? comparer = null)
    {
        _comparer = comparer;
        Committed = new Dictionary<TKey, TValue>(comparer);
        _pending = new Dictionary<TKey, Pending>(comparer);
    }

    /// <summary>The committed rows.</summary>
    public Dictionary<TKey, TValue> Committed { get; }

    /// <summary>The transaction's view: its own writes over the committed rows.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_pending.Count > 0 && _pending.TryGetValue(key, out var change))
        {
            value = change.Value;
            return !change.Removed;
        }

        return Committed.TryGetValue(key, out value);
    }

    /// <summary>The transaction's view: whether the key holds a row.</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Inserts or replaces a row in the transaction.</summary>
    public void Set(TKey key, TValue value) => _pending[key] = new Pending(false, value);

    /// <summary>Removes a row in the transaction.</summary>
    public void Remove(TKey key) => _pending[key] = new Pending(true, default!);

    /// <summary>The transaction's view of every row (no particular order). Copy it before writing to the table.</summary>
    public IEnumerable<TValue> Values()
    {
        foreach (var (key, value) in Committed)
        {
            if (_pending.Count == 0 || !_pending.ContainsKey(key))
            {
                yield return value;
            }
        }

        foreach (var change in _pending.Values)
        {
            if (!change.Removed)
            {
                yield return change.Value;
            }
        }
    }

    /// <summary>Whether the transaction wrote to this table.</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>The rows the transaction inserted or replaced (not the ones it removed), before <see cref="Commit"/>.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> PendingWrites()
    {
        foreach (var (key, change) in _pending)
        {
            if (!change.Removed)
            {
                yield return new KeyValuePair<TKey, TValue>(key, change.Value);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="action"/> with the committed row and its new value for every committed row the transaction
    /// replaced (not the ones it inserted or removed), before <see cref="Commit"/>; allocates nothing.
    /// </summary>
    public void ForEachReplaced<TState>(TState state, Action<TState, TValue, TValue> action)
    {
        foreach (var (key, change) in _pending)
        {
            if (!change.Removed && Committed.TryGetValue(key, out var before))
            {
                action(state, before, change.Value);
            }
        }
    }

    /// <summary>Applies the transaction's writes to the committed rows. The caller holds the read lock.</summary>
    public void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var (key, change) in _pending)
        {
            if (change.Removed)
            {
                Committed.Remove(key);
            }
            else
            {
                Committed[key] = change.Value;
            }
        }

        Discard();
    }

    /// <summary>Drops the transaction's writes.</summary>
    public void Discard()
    {
        if (_pending.Count > LargeOverlay)
        {
            _pending = new Dictionary<TKey, Pending>(_comparer);
        }
        else if (_pending.Count > 0)
        {
            _pending.Clear();
        }
    }

    private readonly record struct Pending(bool Removed, TValue Value);
}
