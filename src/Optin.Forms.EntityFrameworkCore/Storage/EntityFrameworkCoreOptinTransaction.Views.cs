using Optin.Forms.Statistics;
using Optin.Forms.Storage;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>The daily view counts: one upsert that increments per (day, form, landing page, source), no per-view row.</content>
internal sealed partial class EntityFrameworkCoreOptinTransaction : IViewCountWriter
{
    private const string AddViews = $"INSERT INTO {M.ViewCounts} ({C.Day}, {C.FormId}, {C.LandingPage}, {C.Source}, {C.Views}) "
        + $"VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT ({C.Day}, {C.FormId}, {C.LandingPage}, {C.Source}) "
        + $"DO UPDATE SET {C.Views} = {M.ViewCounts}.{C.Views} + excluded.{C.Views}";

    public IViewCountWriter Views => this;

    public async ValueTask AddAsync(IReadOnlyCollection<ViewCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ThrowIfDone();
        foreach (var count in counts)
        {
            count.Validate();
        }

        foreach (var count in counts.Where(c => c.Count > 0))
        {
            await Rows.ExecuteAsync(AddViews, cancellationToken, ViewDays.ToNumber(count.Day), count.FormId, count.LandingPage, count.Source, count.Count);
        }
    }
}
