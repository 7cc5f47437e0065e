namespace Optin.Forms.Contacts;

/// <summary>One contact a bulk opt-in change changed (see <see cref="BulkOptinChange.OnChanged"/>).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="Previous">Its state for the purpose before the change.</param>
public readonly record struct BulkOptinChanged(Guid ContactId, OptinState Previous);
