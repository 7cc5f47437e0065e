using NodaTime;

namespace Optin.Forms.Consent;

/// <summary>A record that Optin.Forms itself keeps beside the activities (consent proof, suppression list, tombstones, job history), with its retention.</summary>
/// <param name="Id">A stable id: <c>consentProof</c>, <c>unconfirmed</c>, <c>suppression</c>, <c>tombstones</c> or <c>jobs</c>.</param>
/// <param name="Name">Its name, in the record's culture.</param>
/// <param name="Content">What it holds.</param>
/// <param name="Retention">How long an entry is kept, when it is one duration.</param>
/// <param name="RetentionText">The retention in words.</param>
public sealed record KeptRecord(string Id, string Name, string Content, Duration? Retention, string RetentionText);
