using System.Collections.Immutable;

namespace Optin.Forms.Contacts;

/// <summary>A contact entered by hand (a business card from a trade show, a phone call), without any opt-in.</summary>
/// <param name="Email">The address as written.</param>
/// <param name="Kind">Lead, contact or account.</param>
/// <param name="Fields">Other values (name, company…).</param>
public sealed record NewContact(string Email, ContactKind Kind = ContactKind.Lead, ImmutableDictionary<string, string>? Fields = null);
