namespace Optin.Forms.Preferences;

/// <summary>Masks an address for a page anyone holding the link can open: <c>jean@example.fr</c> becomes <c>j•••@example.fr</c>.</summary>
internal static class AddressMask
{
    public const string Dots = "•••";

    /// <summary>
    /// The first character of the local part, <c>•••</c>, then the domain. A local part of one character shows only the
    /// dots: showing it would show the whole of it. The number of dots never tells the length.
    /// </summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return Dots;
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        var shown = local.Length >= 2 && !char.IsSurrogate(local[0]) ? local[..1] : string.Empty;
        return shown + Dots + "@" + domain;
    }
}
