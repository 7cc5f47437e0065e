using System.Reflection;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Fluid;
using MimeKit;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Templates.Benchmarks;

/// <summary>
/// Render + compose of the double opt-in email by the engine, against a raw Fluid render of the same sources plus a
/// raw MimeMessage build (the baseline), in the same run. Target: at most 1.5×.
/// </summary>
[MemoryDiagnoser]
public class DoubleOptinEmailBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 12, 9, 30);
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _rawOptions = new();
    private readonly HtmlEncoder _encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private EmailRenderer _renderer = null!;
    private EmailModel _model = null!;
    private IFluidTemplate _subject = null!;
    private IFluidTemplate _html = null!;
    private IFluidTemplate _text = null!;

    [GlobalSetup]
    public void Setup()
    {
        var problems = new List<ConfigurationProblem>();
        _renderer = new EmailRenderer(EmailTemplateCompiler.Compile(new OptinFormsOptions { DefaultCulture = "fr" }, problems), new FakeClock(Now));
        _model = new EmailModel
        {
            ConfirmUrl = "https://example.test/optin/confirm/q3xZk0v9d2Yb7mPpLr8sT1uW4eA6hC5jN0oG2iK7fQw",
            ExpiresInDays = 7,
            Controller = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
            PurposeText = "Les informations recueillies sur ce formulaire sont enregistrées par Atelier Dupont pour l'envoi de sa lettre d'information.",
            SiteUrl = "https://example.test",
            Culture = "fr",
        };
        _rawOptions.MemberAccessStrategy.Register<EmailModel>();
        _subject = _parser.Parse(Source("subject"));
        _html = _parser.Parse(Source("html"));
        _text = _parser.Parse(Source("text"));
    }

    [Benchmark(Baseline = true, Description = "raw Fluid render + raw MimeMessage")]
    public MimeMessage Raw()
    {
        var subject = _subject.Render(new TemplateContext(_model, _rawOptions), NullEncoder.Default);
        var html = _html.Render(new TemplateContext(_model, _rawOptions), _encoder);
        var text = _text.Render(new TemplateContext(_model, _rawOptions), NullEncoder.Default);
        var message = new MimeMessage { Subject = subject, MessageId = "bench@atelier-dupont.example", Date = Now.ToDateTimeOffset() };
        message.From.Add(MailboxAddress.Parse("Atelier Dupont <bonjour@atelier-dupont.example>"));
        message.To.Add(MailboxAddress.Parse("jean.dupont@exemple.fr"));
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    [Benchmark(Description = "Optin.Forms render + compose")]
    public async Task<MimeMessage> Engine()
    {
        var email = await _renderer.RenderAsync("double-optin", "fr", _model);
        return MailComposer.Compose(email, "Atelier Dupont <bonjour@atelier-dupont.example>", "jean.dupont@exemple.fr",
            "bench@atelier-dupont.example", Now, null);
    }

    private static string Source(string part)
    {
        using var stream = typeof(EmailModel).Assembly.GetManifestResourceStream($"Optin.Forms.Templates.double-optin.fr.{part}.liquid")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
