using System.Diagnostics;
using System.Text.Json;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>The schema is a file of the Optin.Forms package (for editors), besides the embedded copy <c>optin schema</c> prints.</summary>
public sealed class SchemaPackageTests
{
    [Fact]
    public async Task Pack_OptinForms_CarriesTheSchemaAsAContentFile()
    {
        var project = Path.Combine(SchemaFiles.RepositoryRoot, "src", "Optin.Forms", "Optin.Forms.csproj");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in (string[])["msbuild", project, "-nologo", "-getItem:None", "-getItem:EmbeddedResource"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet msbuild: {await output}{await error}");
        var items = JsonDocument.Parse(await output).RootElement.GetProperty("Items");

        var packed = items.GetProperty("None").EnumerateArray()
            .Where(i => i.TryGetProperty("Pack", out var pack) && pack.GetString() == "true"
                && i.TryGetProperty("PackagePath", out var path) && path.GetString() == "content/")
            .Select(i => i.GetProperty("FullPath").GetString());
        var embedded = items.GetProperty("EmbeddedResource").EnumerateArray()
            .Where(i => i.TryGetProperty("LogicalName", out var name) && name.GetString() == "Optin.Forms." + Optin.Forms.Schema.OptinFormsJsonSchema.FileName)
            .Select(i => i.GetProperty("FullPath").GetString());

        Assert.Equal([SchemaFiles.SchemaPath], packed);
        Assert.Equal([SchemaFiles.SchemaPath], embedded);
    }
}
