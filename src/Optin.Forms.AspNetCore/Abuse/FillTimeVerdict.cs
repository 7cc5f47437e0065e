namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>What the signed render time says about a post (ABU-2).</summary>
internal enum FillTimeVerdict
{
    /// <summary>Posted at a human pace.</summary>
    Human,

    /// <summary>Too fast, or the render time is missing, forged or from another form: dropped silently.</summary>
    Bot,

    /// <summary>A genuine form left open longer than <c>MaxFillTime</c>: shown again to be sent anew.</summary>
    Expired,
}
