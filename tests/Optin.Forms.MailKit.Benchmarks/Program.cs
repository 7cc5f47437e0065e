using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Optin.Forms.MailKit.Benchmarks;

// A short in-process job: the SMTP server runs in this process, so both loops are measured in the same run.
var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<SmtpSendBenchmarks>(config, args);

// Messages per second from the median time per message: other processes on the machine skew the mean.
double? MessagesPerSecond(string method)
{
    var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
    var nanoseconds = report?.ResultStatistics?.Median;
    return nanoseconds is > 0 ? 1e9 / nanoseconds : null;
}

var baseline = MessagesPerSecond(nameof(SmtpSendBenchmarks.RawMailKitNoDelayLoop));
var defaultSocket = MessagesPerSecond(nameof(SmtpSendBenchmarks.RawMailKitLoop));
var sender = MessagesPerSecond(nameof(SmtpSendBenchmarks.SmtpMailSenderLoop));
if (baseline is null || sender is null || defaultSocket is null)
{
    Console.WriteLine("The benchmark did not produce every result.");
    return 1;
}

var ratio = sender.Value / baseline.Value;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Raw MailKit, one connection (TCP_NODELAY, baseline): {baseline:F0} messages/s; raw MailKit, default socket: {defaultSocket:F0} messages/s; SmtpMailSender: {sender:F0} messages/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Throughput ratio SmtpMailSender / baseline: {ratio:F2} (target >= 0.80): {(ratio >= 0.8 ? "met" : "NOT met")}; against the default socket: {sender.Value / defaultSocket.Value:F2}"));
return ratio >= 0.8 ? 0 : 2;
