using System.Diagnostics;
using System.Diagnostics.Metrics;
using NodaTime;

namespace Optin.Forms.Diagnostics;

/// <summary>
/// The instruments of the <c>Optin.Forms</c> meter (docs/metrics.md lists them). One per host, from the host's
/// <see cref="IMeterFactory"/> when it registers one, else on a meter of its own, disposed with the host.
/// </summary>
/// <remarks>
/// Every recording first checks <see cref="Instrument.Enabled"/>: with nobody listening, a call costs a field read and
/// builds no tags. Tags are configuration names (form, purpose, action, template) and stable codes, never personal data
/// (SEC-8), so their number is bounded by the configuration.
/// </remarks>
internal sealed partial class OptinMetrics : IDisposable
{
    public const string FormTag = "optin.forms.form";
    public const string OutcomeTag = "optin.forms.submission.outcome";
    public const string ErrorTypeTag = "error.type";
    public const string PurposeTag = "optin.forms.purpose";
    public const string ActionTag = "optin.forms.job.action";
    public const string TemplateTag = "optin.forms.mail.template";

    /// <summary>Seconds, from 5 ms to an hour: a job waits milliseconds when the worker keeps up, minutes when it does not.</summary>
    private static readonly InstrumentAdvice<double> LagBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    };

    /// <summary>Seconds, from 1 ms to a minute (an SMTP timeout).</summary>
    private static readonly InstrumentAdvice<double> SendBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private readonly bool _ownsMeter;

    /// <summary>Instruments on the static <see cref="OptinDiagnostics.Meter"/>, for services built without a host.</summary>
    public static OptinMetrics Shared { get; } = new(OptinDiagnostics.Meter, ownsMeter: false);

    public OptinMetrics(Meter meter, bool ownsMeter)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        Submissions = meter.CreateCounter<long>("optin.forms.submissions", "{submission}",
            "Form submissions, accepted (stored) or refused (nothing stored), by form.");
        DoubleOptinSent = meter.CreateCounter<long>("optin.forms.double_optin.sent", "{email}",
            "Double opt-in emails the mail sender accepted, by purpose.");
        DoubleOptinConfirmed = meter.CreateCounter<long>("optin.forms.double_optin.confirmed", "{confirmation}",
            "Double opt-ins confirmed with the emailed link, by purpose.");
        DoubleOptinExpired = meter.CreateCounter<long>("optin.forms.double_optin.expired", "{request}",
            "Double opt-ins left unconfirmed past their delay and removed by the sweep, by purpose.");
        JobLag = meter.CreateHistogram<double>("optin.forms.job.lag", "s",
            "How long a job waited between falling due and starting, by action.", advice: LagBuckets);
        MailSendDuration = meter.CreateHistogram<double>("optin.forms.mail.send.duration", "s",
            "How long the mail sender took to accept a message (or to fail), by template.", advice: SendBuckets);
    }

    /// <summary>The meter the instruments are on.</summary>
    public Meter Meter { get; }

    public Counter<long> Submissions { get; }

    public Counter<long> DoubleOptinSent { get; }

    public Counter<long> DoubleOptinConfirmed { get; }

    public Counter<long> DoubleOptinExpired { get; }

    public Histogram<double> JobLag { get; }

    public Histogram<double> MailSendDuration { get; }

    /// <summary>Creates the host's instruments: on a meter from <paramref name="factory"/> when there is one.</summary>
    public static OptinMetrics Create(IMeterFactory? factory) => factory is null
        ? new OptinMetrics(new Meter(OptinDiagnostics.Name, OptinDiagnostics.Version), ownsMeter: true)
        : new OptinMetrics(factory.Create(new MeterOptions(OptinDiagnostics.Name) { Version = OptinDiagnostics.Version }), ownsMeter: false);

    public void SubmissionAccepted(string formId)
    {
        if (Submissions.Enabled)
        {
            Submissions.Add(1, new TagList { { FormTag, formId }, { OutcomeTag, "accepted" } });
        }
    }

    /// <param name="formId">The form, or <see langword="null"/> for an unknown one (a visitor's id is no tag: any string could come).</param>
    /// <param name="code">The refusal's code (the first field error's), for example <c>OPTIN2004</c>.</param>
    public void SubmissionRefused(string? formId, string code)
    {
        if (Submissions.Enabled)
        {
            var tags = new TagList { { OutcomeTag, "refused" }, { ErrorTypeTag, code } };
            if (formId is not null)
            {
                tags.Add(FormTag, formId);
            }

            Submissions.Add(1, tags);
        }
    }

    public void DoubleOptinEmailSent(string purposeId) => AddForPurpose(DoubleOptinSent, purposeId);

    public void Confirmed(string purposeId) => AddForPurpose(DoubleOptinConfirmed, purposeId);

    public void Expired(string purposeId) => AddForPurpose(DoubleOptinExpired, purposeId);

    /// <summary>Records how long a job waited after it fell due; a job started early (a clock skew between hosts) counts zero.</summary>
    public void JobStarted(string action, Instant dueAt, Instant startedAt)
    {
        if (JobLag.Enabled)
        {
            var lag = Math.Max(0, (startedAt - dueAt).TotalSeconds);
            JobLag.Record(lag, new KeyValuePair<string, object?>(ActionTag, action));
        }
    }

    /// <summary>A timestamp to pass to <see cref="MailSent"/>; zero, and no clock read, when nobody listens.</summary>
    public long MailSendStarting() => MailSendDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <param name="started">What <see cref="MailSendStarting"/> returned.</param>
    /// <param name="templateId">The template sent.</param>
    /// <param name="error">The failure's type, or <see langword="null"/> when the sender accepted the message.</param>
    public void MailSent(long started, string templateId, string? error)
    {
        if (started != 0 && MailSendDuration.Enabled)
        {
            var tags = new TagList { { TemplateTag, templateId } };
            if (error is not null)
            {
                tags.Add(ErrorTypeTag, error);
            }

            MailSendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private static void AddForPurpose(Counter<long> counter, string purposeId)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(PurposeTag, purposeId));
        }
    }
}
