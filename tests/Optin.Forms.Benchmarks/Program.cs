using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Optin.Forms.Benchmarks.SubmissionBenchmarks).Assembly).Run(args);
