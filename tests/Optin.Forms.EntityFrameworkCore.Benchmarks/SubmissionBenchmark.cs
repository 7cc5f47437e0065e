using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Submissions;

namespace Optin.Forms.EntityFrameworkCore.Benchmarks;

/// <summary>Submissions per second through the real pipeline (contact + consent event + submission, one transaction).</summary>
internal static class SubmissionBenchmark
{
    public static async Task RunAsync(BenchDatabase db, int submissions, int parallelism)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptinForms(BenchDatabase.Settings());
        await using var inMemory = services.BuildServiceProvider();
        var reference = await MeasureAsync("in-memory store (reference)", inMemory, submissions, parallelism);
        var store = await MeasureAsync($"{db.Name} store", db.Services, submissions, parallelism);
        Console.WriteLine($"[{db.Name}] submissions: {store:F0}/s with {parallelism} concurrent callers; in-memory {reference:F0}/s; "
            + $"ratio {reference / store:F1}x slower than memory");
    }

    private static async Task<double> MeasureAsync(string name, IServiceProvider services, int count, int parallelism)
    {
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var run = Guid.NewGuid().ToString("N")[..6];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var request = new SubmissionRequest("newsletter",
                [new("email", $"s{run}{i}@exemple.fr"), new("firstName", "Jean"), new("consent.newsletter", "true")],
                new SubmissionContext("fr", "https://example.test/salon", "203.0.113.77", "Mozilla/5.0"));
            var result = await pipeline.SubmitAsync(request, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("A benchmark submission was rejected.");
            }
        });
        var perSecond = count / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  {name,-30} {count:N0} submissions in {stopwatch.Elapsed.TotalSeconds:F2} s = {perSecond:F0}/s");
        return perSecond;
    }
}
