namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>The group commit as the provider-neutral store sees it (<see cref="IOptinWriter"/>).</summary>
internal sealed partial class SqliteGroupCommit : IOptinWriter
{
    async ValueTask<IOptinWriteTurn> IOptinWriter.EnterAsync(IOptinDbContextSource source, CancellationToken cancellationToken) =>
        await EnterAsync(source, cancellationToken);
}

/// <summary>A turn as the provider-neutral transaction sees it (<see cref="IOptinWriteTurn"/>).</summary>
internal sealed partial class SqliteWriteTurn : IOptinWriteTurn;
