namespace Optin.Forms.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>A row of the host's own table.</summary>
public sealed class HostOrder
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>A label.</summary>
    public string Label { get; set; } = "";
}
