namespace Optin.Forms.Retention;

/// <summary>What one retention sweep did, in counts only (RET-2: no address is ever reported).</summary>
/// <param name="DryRun">Whether nothing was changed.</param>
/// <param name="Examined">Prospects whose last activity is older than the shortest retention in force.</param>
/// <param name="Erased">Prospects erased (in a dry run: that would have been erased).</param>
/// <param name="Kept">Examined prospects kept because a purpose they hold has a longer retention.</param>
public sealed record RetentionReport(bool DryRun, long Examined, long Erased, long Kept);
