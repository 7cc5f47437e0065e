using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

public sealed class ProofCaptureTests
{
    private static readonly string LongAgent = "Mozilla/5.0 (X11; Linux x86_64) " + new string('a', 600);

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData(CaptureMode.Full, 512)]
    [InlineData(CaptureMode.Truncated, ProofCapture.TruncatedUserAgentLength)]
    public void UserAgent_LongValue_KeepsAsManyCharactersAsTheModeAllows(CaptureMode mode, int length)
    {
        var kept = ProofCapture.UserAgent(LongAgent, mode);

        Assert.Equal(LongAgent[..length], kept);
    }

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData(CaptureMode.Full, "Mozilla/5.0\r\n(evil)", "Mozilla/5.0(evil)")]
    [InlineData(CaptureMode.Truncated, "  Mozilla/5.0  ", "Mozilla/5.0")]
    [InlineData(CaptureMode.None, "Mozilla/5.0", null)]
    [InlineData(CaptureMode.Full, "   ", null)]
    public void UserAgent_Mode_KeepsWhatIsConfiguredWithoutControlCharacters(CaptureMode mode, string input, string? expected) =>
        Assert.Equal(expected, ProofCapture.UserAgent(input, mode));

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData("198.51.100.23", "198.51.100.0")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::")]
    [InlineData("::ffff:198.51.100.23", "198.51.100.0")]
    public void IpAddress_Truncated_KeepsIpv4Slash24AndIpv6Slash48(string ip, string expected) =>
        Assert.Equal(expected, ProofCapture.IpAddress(ip, CaptureMode.Truncated));

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData("Full", "Mozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("Truncated", "Mozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("None", null)]
    public async Task SubmitAsync_UserAgentCapture_AppliesToLedgerAndSubmission(string mode, string? stored)
    {
        using var services = Some.Services(out _, StartupValidationTests.With(("OptinForms:DataProtection:UserAgent", mode)));

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None);

        var store = services.GetRequiredService<IOptinStore>();
        Assert.Equal(stored, Assert.Single(await store.Ledger.ReadAsync(result.ContactId!.Value, default).ToListAsync()).UserAgent);
        Assert.Equal(stored, (await store.Submissions.FindAsync(result.SubmissionId!.Value, default))!.UserAgent);
    }

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData("Full", "Full", "198.51.100.23", "Mozilla/5.0 (confirm)")]
    [InlineData("Truncated", "Truncated", "198.51.100.0", "Mozilla/5.0 (confirm)")]
    [InlineData("None", "None", null, null)]
    public async Task ConfirmAsync_CaptureModes_ApplyToTheConfirmationEvent(string ipMode, string agentMode, string? ip, string? agent)
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:DataProtection:IpAddress"] = ipMode;
            s["OptinForms:DataProtection:UserAgent"] = agentMode;
        });
        var result = await flow.SubmitAsync();
        await flow.RunAsync();

        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);

        var confirmed = Assert.Single(await flow.Store.Ledger.ReadAsync(result.ContactId!.Value, default).ToListAsync(),
            e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Equal((ip, agent), (confirmed.IpAddress, confirmed.UserAgent));
    }
}
