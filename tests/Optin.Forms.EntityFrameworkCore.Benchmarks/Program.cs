using Optin.Forms.EntityFrameworkCore.Benchmarks;

// Usage: dotnet run -c Release -- [sqlite|postgres|all] [contacts=1000000] [rounds=2] [submissions=2000] [callers=8]
// PostgreSQL needs OPTIN_TEST_POSTGRES (.ci/services/postgres.sh starts a server on 127.0.0.1).
var which = args.Length > 0 ? args[0] : "all";
var contacts = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
var submissions = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
var callers = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 8;
Console.WriteLine($"{Environment.ProcessorCount} cores, {contacts:N0} contacts, {rounds} rounds, {submissions:N0} submissions");

if (which is "sqlite" or "all")
{
    await using var db = await BenchDatabase.SqliteAsync();
    await RunAsync(db);
}

if (which is "postgres" or "all")
{
    var server = Environment.GetEnvironmentVariable("OPTIN_TEST_POSTGRES");
    if (string.IsNullOrEmpty(server))
    {
        Console.WriteLine("PostgreSQL skipped: OPTIN_TEST_POSTGRES is not set.");
    }
    else
    {
        await using var db = await BenchDatabase.PostgresAsync(server);
        await RunAsync(db);
    }
}

Console.WriteLine($"process peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");

async Task RunAsync(BenchDatabase db)
{
    if (submissions > 0)
    {
        await SubmissionBenchmark.RunAsync(db, submissions, callers);
    }

    if (contacts > 0)
    {
        await BulkOptinBenchmark.RunAsync(db, contacts, rounds);
    }
}
