using Optin.Forms.Contacts;

namespace Optin.Forms.Cli;

/// <summary>The arguments of <c>optin import</c> and <c>optin retention</c>.</summary>
internal sealed class StoreArguments
{
    public List<string> Settings { get; } = [];

    public string? Csv { get; private set; }

    public string? Source { get; private set; }

    public string? Actor { get; private set; }

    public string? Form { get; private set; }

    public ContactKind? Kind { get; private set; }

    public string? RequestDoubleOptin { get; private set; }

    public string? Culture { get; private set; }

    public bool DryRun { get; private set; }

    public bool Migrate { get; private set; }

    public string? Error { get; private set; }

    public static StoreArguments Parse(string[] args)
    {
        var a = new StoreArguments();
        var import = args[0] == "import";
        for (var i = 1; i < args.Length && a.Error is null; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "--dry-run": a.DryRun = true; break;
                case "--migrate": a.Migrate = true; break;
                case "--settings": a.Add(Next(), arg, a.Settings.Add); break;
                case "--source" when import: a.Add(Next(), arg, v => a.Source = v); break;
                case "--actor" when import: a.Add(Next(), arg, v => a.Actor = v); break;
                case "--form" when import: a.Add(Next(), arg, v => a.Form = v); break;
                case "--culture" when import: a.Add(Next(), arg, v => a.Culture = v); break;
                case "--request-double-optin" when import: a.Add(Next(), arg, v => a.RequestDoubleOptin = v); break;
                case "--kind" when import:
                    a.Add(Next(), arg, v => a.Kind = Enum.TryParse<ContactKind>(v, true, out var k) && Enum.IsDefined(k) && !char.IsAsciiDigit(v[0])
                        ? k : a.Fail("--kind must be Lead, Contact or Account"));
                    break;
                case var file when import && a.Csv is null && !file.StartsWith("--", StringComparison.Ordinal): a.Csv = file; break;
                default: a.Error = $"unexpected argument '{arg}'"; break;
            }
        }

        if (a.Error is null && a.Settings.Count == 0)
        {
            a.Error = "--settings <appsettings.json> is required";
        }

        if (a.Error is null && import && (a.Csv is null || a.Source is null || a.Actor is null))
        {
            a.Error = "import needs a CSV file, --source and --actor";
        }

        return a;
    }

    private void Add(string? value, string name, Action<string> set)
    {
        if (value is null)
        {
            Error ??= $"{name} needs a value";
        }
        else
        {
            set(value);
        }
    }

    private ContactKind? Fail(string message)
    {
        Error ??= message;
        return null;
    }
}
