namespace Optin.Forms.Submissions;

/// <summary>An email address that passed <see cref="EmailAddressNormalizer"/>.</summary>
/// <param name="Address">The address mail is sent to: the local part as typed (NFC), the domain in ASCII (IDNA) and lower case.</param>
/// <param name="Key">
/// The comparison key: <see cref="Address"/> with the local part in lower case too. Two spellings of one address
/// (<c>Jean@Exemple.FR</c>, <c>jean@exemple.fr</c>, a Unicode or punycode domain) share one key and so one contact.
/// </param>
public sealed record NormalizedEmail(string Address, string Key);
