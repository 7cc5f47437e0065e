using BenchmarkDotNet.Running;

if (args is ["--alloc"])
{
    Optin.Forms.Benchmarks.AllocationHarness.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Optin.Forms.Benchmarks.SubmissionBenchmarks).Assembly).Run(args);
