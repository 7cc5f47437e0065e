using Optin.Forms.Consent;

namespace Optin.Forms.AspNetCore.Tests.Support;

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    public static async Task<T> SingleAsync<T>(this IAsyncEnumerable<T> source) => (await source.ToListAsync()).Single();

    /// <summary>
    /// The one ledger entry of <paramref name="kind"/>. The job worker runs beside the tests, so the ledger may already
    /// hold the double opt-in email's <see cref="ConsentEventKind.EmailSent"/> entry next to the consent a test reads.
    /// </summary>
    public static async Task<ConsentEvent> SingleAsync(this IAsyncEnumerable<ConsentEvent> source, ConsentEventKind kind) =>
        (await source.ToListAsync()).Single(e => e.Kind == kind);
}
