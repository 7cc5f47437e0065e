namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A send counter (caps), reset when past its expiry.</summary>
internal sealed class CounterEntity
{
    public string Key { get; set; } = "";

    public long Value { get; set; }

    public long ExpiresAt { get; set; }
}
