namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A write-once setting the engine keeps in the database, such as the generated address hash key (CFG-6).</summary>
internal sealed class SettingEntity
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
