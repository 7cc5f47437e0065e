using System.Diagnostics;

namespace Optin.Forms.Benchmarks;

/// <summary>
/// The deterministic side of <see cref="SubmissionBenchmarks"/>, for a busy machine where times mean nothing: bytes
/// allocated per operation, bytes still reachable per operation after a full collection (what the store keeps), and
/// the collections per 10,000 operations. Run with <c>-- --alloc</c>.
/// </summary>
internal static class AllocationHarness
{
    private const int Operations = 16384;

    public static void Run()
    {
        Console.WriteLine($"{Operations} operations per method, after one warm-up iteration; gen counts per 10,000 operations.");
        Console.WriteLine($"| {"Method",-20} | {"Allocated B/op",14} | {"Retained B/op",13} | {"gen0",5} | {"gen1",5} | {"gen2",5} |");
        Console.WriteLine($"|{new string('-', 22)}|{new string('-', 15)}:|{new string('-', 14)}:|{new string('-', 6)}:|{new string('-', 6)}:|{new string('-', 6)}:|");
        Measure("Baseline", b => b.Baseline());
        Measure("Pipeline", b => b.Pipeline().AsTask().GetAwaiter().GetResult());
        Measure("PipelineWithoutStore", b => b.PipelineWithoutStore().AsTask().GetAwaiter().GetResult());
        Measure("InMemoryStoreOnly", b => b.InMemoryStoreOnly().AsTask().GetAwaiter().GetResult());
    }

    private static void Measure<T>(string name, Func<SubmissionBenchmarks, T> operation)
    {
        using var benchmarks = new SubmissionBenchmarks();
        // Warm-up: JIT, caches, the first-time costs of every path.
        benchmarks.Setup();
        for (var i = 0; i < Operations; i++)
        {
            operation(benchmarks);
        }

        benchmarks.Setup();
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Operations; i++)
        {
            operation(benchmarks);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        GC.KeepAlive(benchmarks);
        Debug.Assert(allocated >= 0);
        Console.WriteLine($"| {name,-20} | {allocated / (double)Operations,14:F0} | {retained / (double)Operations,13:F0} | "
            + $"{collections.Item1 * 10_000.0 / Operations,5:F1} | {collections.Item2 * 10_000.0 / Operations,5:F1} | {collections.Item3 * 10_000.0 / Operations,5:F1} |");
    }
}
