using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Optin.Forms.Benchmarks;

/// <summary>
/// The deterministic side of <see cref="SubmissionBenchmarks"/>, for a busy machine where times mean nothing: bytes
/// allocated per operation, bytes still reachable per operation after a full collection (what the store keeps), and
/// the collections per 10,000 operations. Run with <c>-- --alloc</c>.
/// </summary>
internal static class AllocationHarness
{
    private const int Operations = 16384;

    /// <summary>The benchmark method named <paramref name="method"/> (<c>Pipeline</c> for a name it does not know).</summary>
    private static Func<SubmissionBenchmarks, object> Operation(string method) => method switch
    {
        "HandWritten" => b => b.HandWritten(),
        "ParseAndAppend" => b => b.ParseAndAppend(),
        "PipelineWithoutStore" => b => b.PipelineWithoutStore().AsTask().GetAwaiter().GetResult(),
        "InMemoryStoreOnly" => b => b.InMemoryStoreOnly().AsTask().GetAwaiter().GetResult(),
        _ => b => b.Pipeline().AsTask().GetAwaiter().GetResult(),
    };

    public static void Run()
    {
        Console.WriteLine($"{Operations} operations per method, after one warm-up iteration; gen counts per 10,000 operations.");
        Console.WriteLine($"| {"Method",-20} | {"Allocated B/op",14} | {"Retained B/op",13} | {"gen0",5} | {"gen1",5} | {"gen2",5} |");
        Console.WriteLine($"|{new string('-', 22)}|{new string('-', 15)}:|{new string('-', 14)}:|{new string('-', 6)}:|{new string('-', 6)}:|{new string('-', 6)}:|");
        foreach (var method in new[] { "HandWritten", "ParseAndAppend", "Pipeline", "PipelineWithoutStore", "InMemoryStoreOnly" })
        {
            Measure(method, Operation(method));
        }
    }

    /// <summary>
    /// The types allocated by the pipeline, from the runtime's allocation samples (one about every 100 KB), largest
    /// share first: where to look next. Run with <c>-- --alloc-types</c>.
    /// </summary>
    public static void RunTypes(string method)
    {
        using var benchmarks = new SubmissionBenchmarks();
        var operation = Operation(method);
        benchmarks.Setup();
        for (var i = 0; i < Operations; i++)
        {
            operation(benchmarks);
        }

        using var listener = new AllocationSampler();
        long total = 0;
        for (var round = 0; round < 8; round++)
        {
            // The store-less pipeline keeps nothing: one setup, so that the samples are the operations' alone.
            if (method != "PipelineWithoutStore" || round == 0)
            {
                benchmarks.Setup();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Operations; i++)
            {
                operation(benchmarks);
            }

            total += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Thread.Sleep(2000);
        var sampled = listener.Bytes.Values.Sum();
        Console.WriteLine($"{method}: {total / (8.0 * Operations):F0} B/op allocated; sampled share per type (B/op, scaled):");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(p => p.Value).Take(40))
        {
            Console.WriteLine($"{bytes * (double)total / sampled / (8.0 * Operations),8:F0}  {type}");
        }
    }

    /// <summary>
    /// Each collection during the last of <paramref name="rounds"/> iterations of <paramref name="method"/>: its generation, pause,
    /// promoted bytes and heap size, to see which collections cost the time. Run with <c>-- --gc-trace</c>.
    /// </summary>
    public static void RunGcTrace(string method, int rounds = 10)
    {
        using var benchmarks = new SubmissionBenchmarks();
        var operation = Operation(method);
        for (var round = 0; round < rounds; round++)
        {
            benchmarks.Setup();
            GC.Collect();
            var seen = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            var pauses = TimeSpan.Zero;
            for (var i = 0; i < Operations; i++)
            {
                operation(benchmarks);
                if (GC.CollectionCount(0) != seen)
                {
                    seen = GC.CollectionCount(0);
                    var info = GC.GetGCMemoryInfo(GCKind.Any);
                    pauses += info.PauseDurations[0];
                    if (round == rounds - 1)
                    {
                        Console.WriteLine($"op {i,5}: gen{info.Generation} pause {info.PauseDurations[0].TotalMilliseconds,6:F1} ms, "
                            + $"promoted {info.PromotedBytes / 1048576.0,6:F1} MB, heap {info.HeapSizeBytes / 1048576.0,6:F1} MB, "
                            + $"gen0 budget {info.GenerationInfo[0].SizeBeforeBytes / 1048576.0,6:F1} MB");
                    }
                }
            }

            Console.WriteLine($"round {round}: {watch.Elapsed.TotalMicroseconds / Operations:F1} us/op, GC pauses {pauses.TotalMicroseconds / Operations:F1} us/op");
        }
    }

    private sealed class AllocationSampler : EventListener
    {
        public ConcurrentDictionary<string, long> Bytes { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                var names = eventData.PayloadNames!;
                var type = payload[names.IndexOf("TypeName")] as string ?? "?";
                var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
                Bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
            }
        }
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
