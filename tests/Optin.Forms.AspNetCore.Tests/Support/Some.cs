namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>Test data of the sample site.</summary>
internal static class Some
{
    public const string ConsentFr = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.";
    public const string ConsentEn = "I agree to receive Atelier Dupont's newsletter by email.";
    public const string PurposeEn = "Atelier Dupont stores the details you give here to send you its newsletter. You can unsubscribe at any time.";

    public static string Email(string tag = "jean") => $"{tag}.dupont@exemple.fr";

    /// <summary>Opens the newsletter form and posts it with an address and consent.</summary>
    public static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, params (string Key, string Value)[] extra)
    {
        var session = new FormSession(client);
        await session.OpenAsync("/optin/forms/newsletter");
        return await session.PostAsync("newsletter", [("email", email), ("consent.newsletter", "true"), .. extra]);
    }
}
