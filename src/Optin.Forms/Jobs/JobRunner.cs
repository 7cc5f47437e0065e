using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Diagnostics;
using Optin.Forms.Mail;
using Optin.Forms.Rules;
using Optin.Forms.Storage;

namespace Optin.Forms.Jobs;

/// <summary>
/// Runs due jobs: claims them under a lease, runs their action, and marks them done only after the action returned
/// (for a mail: after the sender accepted it, invariant 4); retries transient failures with exponential backoff and
/// jitter, and dead-letters permanent failures and jobs past the attempt limit with the reason kept.
/// </summary>
/// <remarks>The hosted worker calls <see cref="RunDueJobsAsync"/> in a loop; tests call it directly with a fake clock.</remarks>
public sealed class JobRunner
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IServiceProvider _services;
    private readonly RuleRegistry _registry;
    private readonly JobOptions _options;
    private readonly ILogger<JobRunner> _logger;
    private readonly OptinMetrics _metrics;

    internal JobRunner(IOptinStore store, IClock clock, IServiceProvider services, RuleRegistry registry, IOptions<JobOptions> options,
        ILogger<JobRunner> logger, OptinMetrics? metrics = null)
    {
        _metrics = metrics ?? OptinMetrics.Shared;
        _store = store;
        _clock = clock;
        _services = services;
        _registry = registry;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>This runner's lease owner id.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Claims the jobs due now (at most <see cref="JobOptions.BatchSize"/>) and runs them, at most
    /// <see cref="JobOptions.MaxConcurrency"/> at once; a job that waited for a slot until half its lease was gone has its
    /// lease renewed before it runs (see <see cref="RunAsync"/>).
    /// </summary>
    /// <returns>How many jobs were claimed.</returns>
    /// <exception cref="OperationCanceledException">Cancelled: the jobs being run keep their lease and run again after it.</exception>
    public async ValueTask<int> RunDueJobsAsync(CancellationToken cancellationToken)
    {
        var jobs = await ClaimAsync(_options.BatchSize, cancellationToken);
        if (_options.MaxConcurrency <= 1 || jobs.Count <= 1)
        {
            foreach (var job in jobs)
            {
                await RunAsync(job, cancellationToken);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(jobs, parallel, (job, ct) => RunAsync(job, ct));
        }

        return jobs.Count;
    }

    /// <summary>Claims up to <paramref name="maxCount"/> jobs due now, under this runner's lease.</summary>
    internal ValueTask<IReadOnlyList<JobRecord>> ClaimAsync(int maxCount, CancellationToken cancellationToken) =>
        _store.Jobs.ClaimDueJobsAsync(WorkerId, _clock.GetCurrentInstant(), Duration.FromTimeSpan(_options.Lease), maxCount, cancellationToken);

    /// <summary>
    /// Runs one claimed job to its outcome: done, skipped, retried or dead-lettered; or leaves it to the worker that holds
    /// its lease now, when this runner lost it before the action started.
    /// </summary>
    internal async ValueTask RunAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (!await HoldLeaseAsync(job, cancellationToken))
        {
            OptinLog.JobLeaseLost(_logger, job.Id, job.Action);
            return;
        }

        _metrics.JobStarted(job.Action, job.DueAt, _clock.GetCurrentInstant());
        using var activity = StartActivity(job);
        JobOutcome outcome;
        try
        {
            outcome = await ExecuteAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MailDeliveryException ex) when (ex.IsPermanent)
        {
            outcome = JobOutcome.DeadLetter($"Permanent delivery failure{(ex.StatusCode is { } code ? $" ({code})" : string.Empty)}: {ex.Message}");
        }
        catch (HeaderInjectionException ex)
        {
            outcome = JobOutcome.DeadLetter(ex.Message);
        }
#pragma warning disable CA1031 // Any other failure is transient by contract (IMailSender): retried with backoff, then dead-lettered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            await FailAsync(job, ex, cancellationToken);
            return;
        }

        if (outcome.Email is { } email && job.ContactId is { } sentTo)
        {
            await CompleteWithLedgerAsync(job, sentTo, email, cancellationToken);
        }
        else
        {
            await _store.Jobs.CompleteJobAsync(job.Id, WorkerId, outcome.Status, outcome.Reason, _clock.GetCurrentInstant(), cancellationToken);
        }

        OptinLog.JobFinished(_logger, job.Id, job.Action, outcome.Status, outcome.Reason);
        activity?.SetTag(OutcomeTag, outcome.Status.ToString());
    }

    private const string OutcomeTag = "optin.forms.job.outcome";

    /// <summary>
    /// Makes sure that at least half the lease is left before the action runs, renewing it through the store when less
    /// is (the job waited for a slot, or the store was slow): once the lease lapses another worker may claim the job,
    /// and running it here as well would send its mail twice. The completion still checks the lease owner.
    /// </summary>
    /// <returns>Whether this runner holds the lease (false: another worker claimed the job; it is not run here).</returns>
    private async ValueTask<bool> HoldLeaseAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var lease = Duration.FromTimeSpan(_options.Lease);
        return (job.LeaseExpiresAt is { } expiresAt && expiresAt - now >= lease / 2)
            || await _store.Jobs.RenewJobLeaseAsync(job.Id, WorkerId, now, lease, cancellationToken);
    }

    /// <summary>
    /// Starts the job's activity as the root of a trace of its own (it runs later, apart from the request), linked to the
    /// activity that queued the job when the job recorded one (<see cref="JobRecord.TraceParent"/>).
    /// </summary>
    private static Activity? StartActivity(JobRecord job)
    {
        var source = OptinDiagnostics.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = job.TraceParent is { } traceParent
            && ActivityContext.TryParse(traceParent, null, isRemote: true, out var queuedBy) ? [new ActivityLink(queuedBy)] : null;
        Activity.Current = null; // an async method's change: the caller's current activity comes back when it returns
        var activity = source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "optin.forms.job");
        activity?.SetTag(OptinMetrics.ActionTag, job.Action);
        return activity;
    }

    /// <summary>
    /// Runs the job's action, unless the job is about a contact whose processing is restricted (GDPR Art. 18). Actions that
    /// check that themselves, in their own transaction, are not preceded by a read of the contact for the same check.
    /// </summary>
    private async ValueTask<JobOutcome> ExecuteAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var action = _registry.Actions.TryGetValue(job.Action, out var registration)
            ? (IRuleAction)ActivatorUtilities.GetServiceOrCreateInstance(_services, registration.ActionType)
            : null;
        if (action is not IChecksRestrictionInTransaction && job.ContactId is { } contactId
            && await _store.Contacts.FindAsync(contactId, cancellationToken) is { ProcessingRestricted: true })
        {
            return JobOutcome.Skipped(Rights.PersonalDataService.RestrictedReason);
        }

        return action is null
            ? JobOutcome.DeadLetter($"Unknown action '{job.Action}'.")
            : await action.ExecuteAsync(new JobContext(job, JobPayload.Deserialize(job.Payload)), cancellationToken);
    }

    /// <summary>
    /// Marks the job done and appends the "email sent" entry in one transaction (DOI-10): the entry exists exactly when
    /// the job is done, so a retry after a crash neither loses it nor writes it twice.
    /// </summary>
    private async ValueTask CompleteWithLedgerAsync(JobRecord job, Guid contactId, SentEmail email, CancellationToken cancellationToken)
    {
        // The mail is gone: finish even if the host is stopping, or the job would run, and send, again.
        var now = _clock.GetCurrentInstant();
        await using var tx = await _store.BeginTransactionAsync(CancellationToken.None);
        if (!await tx.Jobs.CompleteAsync(job.Id, WorkerId, JobStatus.Done, null, now, CancellationToken.None))
        {
            return;
        }

        if (await tx.Contacts.FindAsync(contactId, CancellationToken.None) is { } contact)
        {
            var at = Submissions.SubmissionPipeline.Truncate(now);
            await Consent.ContentArchive.AddAsync(tx, Consent.ContentKinds.EmailTemplate, "text/plain", email.TemplateSources, at, CancellationToken.None);
            var emailSha256 = await Consent.ContentArchive.AddAsync(tx, Consent.ContentKinds.Email, "text/plain", email.Content, at, CancellationToken.None);
            await tx.Ledger.AppendAsync([new Consent.ConsentEvent
            {
                Id = RecordIds.New(),
                ContactId = contactId,
                Kind = Consent.ConsentEventKind.EmailSent,
                State = email.PurposeId is { } purpose ? contact.GetState(purpose) : Contacts.OptinState.None,
                Method = Consent.ConsentMethod.System,
                OccurredAt = Submissions.SubmissionPipeline.Truncate(now),
                PurposeId = email.PurposeId ?? string.Empty,
                FormId = FormOf(job), // the overview counts double opt-in emails per form
                Culture = email.Culture,
                TemplateId = email.TemplateId,
                TemplateSha256 = email.TemplateSha256,
                MessageId = email.MessageId,
                Address = email.Address,
                EmailSha256 = emailSha256,
            }], CancellationToken.None);
        }

        await tx.CommitAsync(CancellationToken.None);
    }

    private static string? FormOf(JobRecord job)
    {
        try
        {
            return JobPayload.Deserialize(job.Payload).FormId;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async ValueTask FailAsync(JobRecord job, Exception ex, CancellationToken cancellationToken)
    {
        // Only the type and, for delivery failures, the classified message: other messages may hold an address (SEC-8).
        var reason = ex is MailDeliveryException mail ? $"{nameof(MailDeliveryException)}: {mail.Message}" : ex.GetType().Name;
        var now = _clock.GetCurrentInstant();
        if (job.Attempts >= _options.MaxAttempts)
        {
            await _store.Jobs.CompleteJobAsync(job.Id, WorkerId, JobStatus.DeadLettered, $"Gave up after {job.Attempts} attempts: {reason}", now,
                cancellationToken);
            OptinLog.JobFinished(_logger, job.Id, job.Action, JobStatus.DeadLettered, reason);
            return;
        }

        var delay = Backoff(job.Attempts);
        await _store.Jobs.RetryJobAsync(job.Id, WorkerId, now + Duration.FromTimeSpan(delay), reason, cancellationToken);
        OptinLog.JobRetried(_logger, job.Id, job.Action, job.Attempts, delay, reason);
    }

    internal TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
