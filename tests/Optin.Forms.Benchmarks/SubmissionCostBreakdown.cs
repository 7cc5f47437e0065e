using System.Globalization;
using BenchmarkDotNet.Attributes;
using MimeKit;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Benchmarks;

/// <summary>
/// The parts of a submission measured one by one, to find where the pipeline's time goes when it misses its target.
/// Run with <c>--filter *Breakdown*</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SubmissionCostBreakdown
{
    [Benchmark(Baseline = true)]
    public MailboxAddress MimeKitParse() => MailboxAddress.Parse("Visiteur.42@Exemple.FR");

    [Benchmark]
    public NormalizedEmail? NormalizeEmail() =>
        EmailAddressNormalizer.TryNormalize("Visiteur.42@Exemple.FR", out var email, out _) ? email : null;

    [Benchmark]
    public bool IsCultureName() => ConfigurationReader.IsCultureName("fr");

    [Benchmark]
    public string IdnGetAscii() => new IdnMapping().GetAscii("Exemple.FR");

    [Benchmark]
    public Guid ThreeNewGuids() => Guid.NewGuid() == Guid.NewGuid() ? Guid.Empty : Guid.NewGuid();
}
