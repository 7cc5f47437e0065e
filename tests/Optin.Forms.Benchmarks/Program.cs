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

BenchmarkSwitcher.FromAssembly(typeof(Optin.Forms.Benchmarks.SubmissionBenchmarks).Assembly).Run(args);
