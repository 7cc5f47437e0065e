namespace Optin.Forms.Storage;

/// <content>EVD-1: the content archive and the access log.</content>
public partial interface IOptinStore
{
    /// <summary>Reads the content archive and the access log (EVD-1).</summary>
    IEvidenceArchiveReader Archive { get; }
}
