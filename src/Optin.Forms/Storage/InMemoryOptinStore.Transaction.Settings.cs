using NodaTime;

namespace Optin.Forms.Storage;

/// <content>Settings and the clean-up of expired counters inside a transaction.</content>
public sealed partial class InMemoryOptinStore
{
    private sealed partial class Transaction
    {
        ValueTask<string> ISettingWriter.GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(create);
            ThrowIfDone();
            if (!_working.Settings.TryGetValue(name, out var value))
            {
                value = create() ?? throw new InvalidOperationException($"The setting {name} cannot be null.");
                _working.Settings.Set(name, value);
            }

            return ValueTask.FromResult(value);
        }

        ValueTask<int> ICounterWriter.DeleteExpiredAsync(Instant now, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            var expired = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in _working.Counters.Committed.Keys)
            {
                if (_working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt <= now)
                {
                    expired.Add(key);
                }
            }

            foreach (var (key, counter) in _working.Counters.PendingWrites())
            {
                if (counter.ExpiresAt <= now)
                {
                    expired.Add(key);
                }
            }

            foreach (var key in expired)
            {
                _working.Counters.Remove(key);
            }

            return ValueTask.FromResult(expired.Count);
        }
    }
}
