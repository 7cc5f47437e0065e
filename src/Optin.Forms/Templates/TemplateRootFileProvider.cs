using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Optin.Forms.Templates;

/// <summary>
/// The files a Liquid <c>{% include 'name' %}</c> may read: those under the template root (<c>OptinForms:TemplateRoot</c>)
/// and nothing else (CFG-2). An absolute path, a <c>..</c> segment, a backslash, a hidden segment (<c>.git</c>) or a link
/// whose target is outside the root reads nothing: the file is reported as missing.
/// </summary>
/// <remarks>
/// Fluid passes the name as written in the template (plus <c>.liquid</c> when it has no extension); it does not
/// URL-decode it, so <c>%2e%2e/x</c> names a file of that literal name under the root. Links are resolved component by
/// component, so a link to a folder outside the root is refused as well as a link to a file.
/// </remarks>
public sealed class TemplateRootFileProvider : IFileProvider
{
    private readonly string _root;

    /// <summary>Reads under <paramref name="root"/>, made absolute from the current directory as the template files are.</summary>
    /// <param name="root">The template root.</param>
    public TemplateRootFileProvider(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        try
        {
            _root = Directory.Exists(full) ? RealPath(full) ?? full : full;
        }
        catch (IOException)
        {
            _root = full;
        }
    }

    /// <summary>The root, absolute, with its own links resolved.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public IFileInfo GetFileInfo(string subpath) =>
        Resolve(subpath) is { } full ? new Found(new FileInfo(full)) : new NotFoundFileInfo(subpath ?? string.Empty);

    /// <summary>The full path of <paramref name="subpath"/> when it is a file under the root, else <see langword="null"/>.</summary>
    /// <param name="subpath">The name as written in the template, for example <c>partials/header.liquid</c>.</param>
    public string? Resolve(string? subpath)
    {
        try
        {
            return ResolveUnchecked(subpath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A loop of links, a file that cannot be read: nothing is read.
            return null;
        }
    }

    private string? ResolveUnchecked(string? subpath)
    {
        if (string.IsNullOrEmpty(subpath) || subpath.Contains('\\', StringComparison.Ordinal) || subpath.Contains('\0', StringComparison.Ordinal)
            || Path.IsPathRooted(subpath) || subpath.StartsWith('/') || subpath.StartsWith('~'))
        {
            return null;
        }

        var segments = subpath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".." || s.StartsWith('.')))
        {
            return null;
        }

        var current = _root;
        foreach (var segment in segments)
        {
            current = Path.Combine(current, segment);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!entry.Exists)
            {
                return null;
            }

            if (entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists || RealPath(target.FullName) is not { } real || !Inside(real))
                {
                    return null;
                }

                current = real;
            }
        }

        return File.Exists(current) && Inside(current) ? current : null;
    }

    /// <inheritdoc />
    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    /// <inheritdoc />
    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private bool Inside(string full) =>
        full.StartsWith(_root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every link on the way resolved.</summary>
    private static string? RealPath(string full)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var segment in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.LinkTarget is not null)
            {
                if (entry.ResolveLinkTarget(returnFinalTarget: true) is not { } target)
                {
                    return null;
                }

                current = RealPath(Path.GetFullPath(target.FullName)) ?? target.FullName;
            }
        }

        return current;
    }

    private sealed class Found(FileInfo file) : IFileInfo
    {
        public bool Exists => file.Exists;

        public long Length => file.Length;

        public string? PhysicalPath => file.FullName;

        public string Name => file.Name;

        public DateTimeOffset LastModified => file.LastWriteTimeUtc;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
    }
}
