using BenchmarkDotNet.Running;

if (args is ["--alloc"])
{
    Optin.Forms.Benchmarks.AllocationHarness.Run();
    return;
}

if (args is ["--alloc-types", ..])
{
    Optin.Forms.Benchmarks.AllocationHarness.RunTypes(args.Length > 1 ? args[1] : "Pipeline");
    return;
}

if (args is ["--gc-trace", ..])
{
    Optin.Forms.Benchmarks.AllocationHarness.RunGcTrace(args.Length > 1 ? args[1] : "Pipeline", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Optin.Forms.Benchmarks.SubmissionBenchmarks).Assembly).Run(args);
