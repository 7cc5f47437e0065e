using System.Collections.Concurrent;
using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>Write-once settings (cached by the store once committed) and the clean-up of expired counters.</content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    private List<KeyValuePair<string, string>>? _settingsSeen;

    /// <summary>The store's settings known to be committed; this transaction adds the ones it read or wrote once it commits.</summary>
    internal ConcurrentDictionary<string, string>? CommittedSettings { get; set; }

    async ValueTask<string> ISettingWriter.GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(create);
        ThrowIfDone();
        if (CommittedSettings is not null && CommittedSettings.TryGetValue(name, out var known))
        {
            return known;
        }

        var value = await SettingRows.FindAsync(Rows, name, cancellationToken)
            ?? await SettingRows.GetOrAddAsync(Rows, name, create() ?? throw new InvalidOperationException($"The setting {name} cannot be null."),
                cancellationToken);

        // Cached only after the commit: on SQLite, a read may see another turn of the same group, whose COMMIT may fail.
        (_settingsSeen ??= []).Add(new(name, value));
        return value;
    }

    async ValueTask<int> ICounterWriter.DeleteExpiredAsync(Instant now, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        return await SettingRows.DeleteExpiredCountersAsync(Rows, now.ToUnixTimeMilliseconds(), cancellationToken);
    }

    private void PublishSettings()
    {
        if (_settingsSeen is null || CommittedSettings is null)
        {
            return;
        }

        foreach (var (name, value) in _settingsSeen)
        {
            CommittedSettings.TryAdd(name, value);
        }
    }
}
