using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Write-once settings and the clean-up of expired counters, as prepared statements (<see cref="RowCommands"/>).</summary>
internal static class SettingRows
{
    private const string FindSetting = $"SELECT {C.Value} FROM {M.Settings} WHERE {C.Name} = @p0";

    /// <summary>
    /// Adds the setting unless one exists. On PostgreSQL, a concurrent transaction's uncommitted insert of the same name
    /// makes this one wait, then do nothing once the other commits (READ COMMITTED): the first to commit wins.
    /// </summary>
    private const string AddSetting = $"INSERT INTO {M.Settings} ({C.Name}, {C.Value}) VALUES (@p0, @p1) ON CONFLICT ({C.Name}) DO NOTHING";

    private const string DeleteExpiredCounters = $"DELETE FROM {M.Counters} WHERE {C.ExpiresAt} <= @p0";

    public static async ValueTask<string?> FindAsync(RowCommands rows, string name, CancellationToken cancellationToken)
    {
        var found = await rows.ReadAsync(FindSetting, r => r.GetString(0), cancellationToken, name);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The stored value: <paramref name="value"/> if this call added it, the one already there otherwise.</summary>
    public static async ValueTask<string> GetOrAddAsync(RowCommands rows, string name, string value, CancellationToken cancellationToken)
    {
        await rows.ExecuteAsync(AddSetting, cancellationToken, name, value);
        return await FindAsync(rows, name, cancellationToken)
            ?? throw new InvalidOperationException($"The setting {name} was neither added nor found.");
    }

    public static ValueTask<int> DeleteExpiredCountersAsync(RowCommands rows, long now, CancellationToken cancellationToken) =>
        rows.ExecuteAsync(DeleteExpiredCounters, cancellationToken, now);
}
