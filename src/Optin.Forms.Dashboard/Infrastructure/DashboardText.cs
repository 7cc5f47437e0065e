namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// One of the back office's own words, in English and French. Each page declares its texts beside its code
/// (<c>static readonly DashboardText Title = new("Contacts", "Contacts");</c>), so that no shared dictionary grows.
/// </summary>
/// <param name="En">The English text.</param>
/// <param name="Fr">The French text.</param>
internal readonly record struct DashboardText(string En, string Fr)
{
    /// <summary>The text in <paramref name="culture"/> (<c>fr</c> or <c>en</c>; anything else reads English).</summary>
    public string In(string culture) => culture == DashboardCultures.French ? Fr : En;

    /// <summary>The text in the request's culture.</summary>
    public string In(DashboardRequest request) => In(request.Culture);
}
