using Microsoft.Extensions.Logging;

namespace Optin.Forms.Diagnostics;

/// <summary>Source-generated log messages with stable event ids. None carries an address or a token (SEC-8).</summary>
/// <remarks>
/// Event ids are unique across the packages, one range each: core (Optin.Forms) 1000–3999, web (Optin.Forms.AspNetCore)
/// 4000–4999, Optin.Forms.EntityFrameworkCore and its .Sqlite and .PostgreSql packages 5000–5999 (one range,
/// ids unique across the three), Optin.Forms.MailKit 6000–6999, Optin.Forms.Cli 7000–7999.
/// LogEventIdTests in the CLI tests checks this.
/// </remarks>
internal static partial class OptinLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error,
        Message = "A reload of the Optin.Forms configuration was refused with {Count} problem(s); the previous configuration stays in force. {Problems}")]
    public static partial void ReloadRejected(ILogger logger, int count, string problems);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "The Optin.Forms configuration was reloaded.")]
    public static partial void Reloaded(ILogger logger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Submission {SubmissionId} to form {FormId} stored with {ConsentCount} consent(s).")]
    public static partial void SubmissionAccepted(ILogger logger, string formId, Guid submissionId, int consentCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Submission to form {FormId} refused with {ErrorCount} error(s).")]
    public static partial void SubmissionRejected(ILogger logger, string formId, int errorCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Submission to an unknown form refused.")]
    public static partial void SubmissionForUnknownForm(ILogger logger);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Opt-in for purpose {PurposeId} set to {State} on {Count} contact(s) in bulk by {Actor}.")]
    public static partial void BulkOptinApplied(ILogger logger, string purposeId, Contacts.OptinState state, long count, string actor);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Job {JobId} ({Action}) finished as {Status}. {Reason}")]
    public static partial void JobFinished(ILogger logger, Guid jobId, string action, Jobs.JobStatus status, string? reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Job {JobId} ({Action}) failed on attempt {Attempt}; retrying in {Delay}. {Reason}")]
    public static partial void JobRetried(ILogger logger, Guid jobId, string action, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "The job worker's batch failed; it tries again after the poll interval.")]
    public static partial void JobBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Job {JobId} ({Action}) was not run: its lease ran out before it started and another worker claimed it.")]
    public static partial void JobLeaseLost(ILogger logger, Guid jobId, string action);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "The unconfirmed sweep removed {Count} pending opt-in(s).")]
    public static partial void UnconfirmedSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "The retention sweep (dry run: {DryRun}) examined {Examined} prospect(s), erased {Erased}, kept {Kept}.")]
    public static partial void RetentionSwept(ILogger logger, bool dryRun, long examined, long erased, long kept);

    // RET-4 (issue #15 point 6).
    [LoggerMessage(EventId = 3110, Level = LogLevel.Information,
        Message = "The retention sweep (dry run: {DryRun}) archived {Archived} consent proof(s), deleted {Jobs} finished job(s), {Tombstones} tombstone(s), {Proofs} expired archived proof(s).")]
    public static partial void RetentionPurged(ILogger logger, bool dryRun, long archived, long jobs, long tombstones, long proofs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "The {Sweep} failed; it runs again after its interval.")]
    public static partial void SweepFailed(ILogger logger, string sweep, Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information,
        Message = "Contact import (dry run: {DryRun}): {Imported} imported, {Updated} updated, {Suppressed} suppressed, {Invalid} invalid, {Requested} double opt-in request(s).")]
    public static partial void ImportFinished(ILogger logger, bool dryRun, int imported, int updated, int suppressed, int invalid, int requested);

    // LEDG-1 (hash chain)

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "Ledger checkpoint: digest {Digest} over {Count} chain head(s) at {At}.")]
    public static partial void LedgerCheckpoint(ILogger logger, string digest, int count, NodaTime.Instant at);
}
