using Optin.Forms.Statistics;

namespace Optin.Forms.Storage;

/// <summary>Adds view counts to the daily aggregates (an upsert that increments; no per-view row is ever stored).</summary>
public interface IViewCountWriter
{
    /// <summary>Adds each count to its (day, form, landing page, source) aggregate, creating it when missing.</summary>
    /// <param name="counts">The counts to add; counts of zero or less are ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">A form id is empty or longer than 100, a landing page longer than 100, or a source longer than 64 characters.</exception>
    ValueTask AddAsync(IReadOnlyCollection<ViewCount> counts, CancellationToken cancellationToken);
}
