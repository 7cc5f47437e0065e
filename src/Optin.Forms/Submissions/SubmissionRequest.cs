namespace Optin.Forms.Submissions;

/// <summary>A raw form post: every key/value pair as received, repeated keys included.</summary>
/// <param name="FormId">The form posted to.</param>
/// <param name="Values">The posted pairs, in order; a key may repeat.</param>
/// <param name="Context">Where it came from.</param>
public sealed record SubmissionRequest(string FormId, IReadOnlyList<KeyValuePair<string, string?>> Values, SubmissionContext Context);
