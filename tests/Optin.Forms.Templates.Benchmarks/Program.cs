using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Optin.Forms.Templates.Benchmarks;

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(5).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<DoubleOptinEmailBenchmarks>(config, args);

var means = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics?.Mean ?? double.NaN);
if (means.TryGetValue("Raw", out var raw) && means.TryGetValue("Engine", out var engine))
{
    var ratio = engine / raw;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"render+compose: {engine / 1000:F2} µs, raw Fluid + MimeMessage: {raw / 1000:F2} µs, ratio {ratio:F2}x (target <= 1.5x) {(ratio <= 1.5 ? "OK" : "OVER")}"));
}
