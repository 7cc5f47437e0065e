using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// Recognises a unique or primary-key violation, so that an insert can rely on the database's constraint instead of
/// a look-up first (one round trip fewer per row).
/// </summary>
internal static class UniqueViolation
{
    public static bool Is(DbUpdateException exception) => RowCommands.IsUniqueViolation(exception.InnerException);
}
