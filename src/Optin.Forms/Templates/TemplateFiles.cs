using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>Reads template files, only from inside the template root (CFG-2).</summary>
internal static class TemplateFiles
{
    public static string? Read(string root, string file, string path, List<ConfigurationProblem>? problems)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, file));
        if (!full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems?.Add(new(path, ConfigurationCodes.Invalid, $"'{file}' is outside the template root (CFG-2)"));
            return null;
        }

        if (!File.Exists(full))
        {
            problems?.Add(new(path, ConfigurationCodes.DanglingReference, $"the file '{file}' does not exist under the template root"));
            return null;
        }

        if (new TemplateRootFileProvider(fullRoot).Resolve(Path.GetRelativePath(fullRoot, full).Replace(Path.DirectorySeparatorChar, '/')) is not { } real)
        {
            problems?.Add(new(path, ConfigurationCodes.Invalid, $"'{file}' is a link that leads outside the template root, or a hidden file (CFG-2)"));
            return null;
        }

        return File.ReadAllText(real);
    }
}
