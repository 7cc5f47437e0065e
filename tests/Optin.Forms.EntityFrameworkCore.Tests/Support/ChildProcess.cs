using System.Diagnostics;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The test assembly's own entry point, for tests that need a second process: <c>dotnet &lt;this assembly&gt; &lt;role&gt; …</c>
/// runs a child role (<see cref="SqliteDurabilityChild"/>); without one it does nothing (the test runner does not use it).
/// </summary>
internal static class ChildProcess
{
    public static async Task<int> Main(string[] args) => args switch
    {
        [SqliteDurabilityChild.Role, var path] => await SqliteDurabilityChild.RunAsync(path),
        _ => 0,
    };

    /// <summary>Starts this assembly as a child process in <paramref name="role"/>, its output redirected.</summary>
    public static Process Start(string role, params string[] args)
    {
        // Set by dotnet test for the processes it starts: the same host, hence the same runtime.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(role);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
    }
}
