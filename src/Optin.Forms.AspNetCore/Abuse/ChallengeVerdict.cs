namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>What the proof-of-work solution of a post says (<c>Abuse:Challenge</c>).</summary>
internal enum ChallengeVerdict
{
    /// <summary>Solved, signed by this site, for this form, in time, and never used before.</summary>
    Solved,

    /// <summary>No solution posted: most often a browser with JavaScript off.</summary>
    Missing,

    /// <summary>Not a solution: unreadable, another algorithm, a bad signature, a wrong number or another form's.</summary>
    Invalid,

    /// <summary>A genuine solution past its expiry (the page stayed open too long).</summary>
    Expired,

    /// <summary>A genuine solution already used by an earlier post.</summary>
    Replayed,
}
