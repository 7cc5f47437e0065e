namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The proof-of-work challenge a rendering carries (<c>Abuse:Challenge</c>).</summary>
/// <param name="Json">The challenge, as the ALTCHA JSON.</param>
/// <param name="ScriptUrl">The local script that solves it.</param>
internal sealed record FormChallenge(string Json, string ScriptUrl);
