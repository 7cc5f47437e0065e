namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>Optin.Forms.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Optin.Forms.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Optin.Forms.sln not found above {AppContext.BaseDirectory}");
    }
}
