namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Collects the arguments of a raw SQL statement and hands out their <c>{n}</c> placeholders.</summary>
internal sealed class SqlArguments
{
    private readonly List<object> _values = [];

    public object[] Values => [.. _values];

    public string Add(object value)
    {
        _values.Add(value);
        return "{" + (_values.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
    }
}
