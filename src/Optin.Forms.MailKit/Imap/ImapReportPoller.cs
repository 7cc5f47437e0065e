using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Deliverability;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reads bounce and complaint reports from an IMAP folder and gives each to <see cref="IDeliveryReportProcessor"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every poll opens a fresh connection, reads the unseen messages of <see cref="ImapPollerOptions.Folder"/> (without
/// marking them seen), applies each one and only then moves it: applied and ignored reports to
/// <see cref="ImapPollerOptions.ProcessedFolder"/>, refused ones to <see cref="ImapPollerOptions.RefusedFolder"/>, or, with
/// no such folder or no MOVE on the server, flags them <c>\Seen</c> and <c>$OptinProcessed</c> / <c>$OptinRefused</c>
/// where they are. A report whose processing throws stays unseen and is read again at the next poll.
/// </para>
/// <para>
/// Crash safety: a report is applied before it is moved, so a crash (or a lost connection) between the two reads it
/// again at the next poll and applies it a second time, which changes nothing because applying is idempotent. Moving
/// first could lose a report; this order can only repeat one.
/// </para>
/// <para>
/// Failures to connect, authenticate or open the folder are logged without addresses and retried after 5 s, doubling up
/// to 10 minutes, then at every poll again once the server answers. Waits use the host's <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
internal sealed partial class ImapReportPoller : BackgroundService
{
    /// <summary>The keyword of applied and ignored reports that stay in the source folder.</summary>
    internal const string ProcessedKeyword = "$OptinProcessed";

    /// <summary>The keyword of refused messages that stay in the source folder.</summary>
    internal const string RefusedKeyword = "$OptinRefused";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(10);

    private readonly IOptions<ImapPollerOptions> _options;
    private readonly IDeliveryReportProcessor _processor;
    private readonly TimeProvider _time;
    private readonly ILogger<ImapReportPoller> _logger;

    public ImapReportPoller(IOptions<ImapPollerOptions> options, IDeliveryReportProcessor processor, TimeProvider time, ILogger<ImapReportPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _processor = processor;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many polls in a row have failed (0 after a successful one).</summary>
    internal int ConsecutiveFailures { get; private set; }

    /// <summary>How many polls have finished, successful or not (for tests and the health of the loop).</summary>
    internal int CompletedPolls => Volatile.Read(ref _completedPolls);

    private int _completedPolls;

    /// <summary>The wait after <paramref name="failures"/> failed polls in a row: 5 s, 10 s, 20 s … up to 10 minutes.</summary>
    internal static TimeSpan RetryDelay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var delay = FirstRetry * Math.Pow(2, exponent);
        return delay < LongestRetry ? delay : LongestRetry;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host's start does not wait for the first connection
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await PollOnceAsync(stoppingToken);
                delay = _options.Value.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed poll is logged and tried again; the host keeps running.
            catch (Exception)
#pragma warning restore CA1031
            {
                delay = RetryDelay(ConsecutiveFailures); // logged by PollOnceAsync
            }

            Interlocked.Increment(ref _completedPolls);
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Connects, applies every unseen report of the folder, moves or flags each, and disconnects. A failure to connect,
    /// authenticate or open the folder is logged and thrown.
    /// </summary>
    internal async Task<ImapPollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        try
        {
            using var client = await ConnectAsync(options, cancellationToken);
            var result = await ReadReportsAsync(client, options, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            ConsecutiveFailures = 0;
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            ConsecutiveFailures++;
            var delay = RetryDelay(ConsecutiveFailures);
            switch (e)
            {
                case AuthenticationException:
                    ImapLog.AuthenticationFailed(_logger, options.Host, options.Path, delay);
                    break;
                case FolderNotFoundException missing:
                    ImapLog.FolderMissing(_logger, missing.FolderName, $"{options.Path}:{FolderKey(options, missing.FolderName)}", options.Host, delay);
                    break;
                default:
                    ImapLog.PollFailed(_logger, options.Host, Port(options), e.GetType().Name, Describe(e), delay);
                    break;
            }

            throw;
        }
    }

    private async Task<ImapPollResult> ReadReportsAsync(ImapClient client, ImapPollerOptions options, CancellationToken cancellationToken)
    {
        var source = await OpenFolderAsync(client, options.Folder, cancellationToken);
        var processed = await TargetFolderAsync(client, options.ProcessedFolder, cancellationToken);
        var refused = await TargetFolderAsync(client, options.RefusedFolder, cancellationToken);
        await source.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var canMove = client.Capabilities.HasFlag(ImapCapabilities.Move);
        if (!canMove && (processed is not null || refused is not null))
        {
            ImapLog.MoveUnsupported(_logger, options.Host, source.FullName);
        }

        var uids = await source.SearchAsync(SearchQuery.NotSeen, cancellationToken);
        var result = new ImapPollResult();
        foreach (var uid in uids)
        {
            global::MimeKit.MimeMessage message;
            try
            {
                message = await source.GetMessageAsync(uid, cancellationToken);
            }
            catch (MessageNotFoundException)
            {
                continue; // removed by someone else since the search
            }

            DeliveryReportOutcome outcome;
            try
            {
                outcome = await _processor.ApplyAsync(message, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any failure of the processor means "not now": the report stays unseen for the next poll.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ImapLog.ApplyFailed(_logger, uid.Id, source.FullName, e.GetType().Name);
                result.Kept++;
                continue;
            }

            ImapLog.ReportOutcome(_logger, uid.Id, source.FullName, outcome.Status, outcome.Reason);
            var refusedReport = outcome.Status == DeliveryReportStatus.Refused;
            await SetAsideAsync(source, uid, refusedReport ? refused : processed, refusedReport ? RefusedKeyword : ProcessedKeyword, canMove, cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryReportStatus.Applied:
                    result.Applied++;
                    break;
                case DeliveryReportStatus.Ignored:
                    result.Ignored++;
                    break;
                default:
                    result.Refused++;
                    break;
            }
        }

        if (uids.Count > 0)
        {
            ImapLog.Polled(_logger, source.FullName, uids.Count, result.Applied, result.Ignored, result.Refused, result.Kept);
        }

        return result;
    }

    /// <summary>Moves the message to <paramref name="target"/>, or flags it \Seen with <paramref name="keyword"/> where it is.</summary>
    private static async Task SetAsideAsync(IMailFolder source, UniqueId uid, IMailFolder? target, string keyword, bool canMove, CancellationToken cancellationToken)
    {
        if (target is not null && canMove)
        {
            await source.MoveToAsync(uid, target, cancellationToken);
            return;
        }

        var keywords = source.PermanentFlags.HasFlag(MessageFlags.UserDefined) ? [keyword] : Array.Empty<string>();
        await source.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen, keywords) { Silent = true }, cancellationToken);
    }

    private static async Task<ImapClient> ConnectAsync(ImapPollerOptions options, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)options.CommandTimeout.TotalMilliseconds };
        if (options.ServerCertificateValidationCallback is { } callback)
        {
            client.ServerCertificateValidationCallback = callback;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var host = options.Host ?? throw new InvalidOperationException("The IMAP host is not configured.");
            await client.ConnectAsync(host, Port(options), ToSocketOptions(options.Security), timeout.Token);
            await client.AuthenticateAsync(options.UserName ?? string.Empty, options.Password ?? string.Empty, timeout.Token);
            return client;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException($"Connecting to the IMAP server took longer than {options.ConnectTimeout}.", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> OpenFolderAsync(ImapClient client, string name, CancellationToken cancellationToken) =>
        string.Equals(name.Trim(), "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(name.Trim(), cancellationToken);

    /// <summary>The folder named <paramref name="name"/>, created (with its parents) when missing; null when no name is given.</summary>
    private static async Task<IMailFolder?> TargetFolderAsync(ImapClient client, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return await OpenFolderAsync(client, name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
        }

        IMailFolder parent = client.GetFolder(client.PersonalNamespaces[0]);
        foreach (var part in name.Trim().Split(parent.DirectorySeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var subfolders = await parent.GetSubfoldersAsync(subscribedOnly: false, cancellationToken);
            parent = subfolders.FirstOrDefault(f => string.Equals(f.Name, part, StringComparison.Ordinal))
                ?? await parent.CreateAsync(part, isMessageFolder: true, cancellationToken)
                ?? throw new FolderNotFoundException(name);
        }

        return parent;
    }

    private static string FolderKey(ImapPollerOptions options, string folder) =>
        ImapPollerOptionsValidator.SameFolder(folder, options.Folder) ? "Folder"
        : options.ProcessedFolder is { } p && ImapPollerOptionsValidator.SameFolder(folder, p) ? "ProcessedFolder"
        : "RefusedFolder";

    private static int Port(ImapPollerOptions options) =>
        options.Port != 0 ? options.Port : options.Security == ImapSecurity.SslOnConnect ? 993 : 143;

    /// <summary>A short description of a failure that never quotes the server (whose replies may hold an address).</summary>
    private static string Describe(Exception e) => e switch
    {
        SocketException s => $"network: {s.SocketErrorCode}",
        TimeoutException => "timed out",
        SslHandshakeException => "TLS handshake failed",
        ImapProtocolException => "protocol error or connection lost",
        ImapCommandException c => $"command refused: {c.Response}",
        IOException => "connection lost",
        _ => "unexpected error",
    };

    private static SecureSocketOptions ToSocketOptions(ImapSecurity security) => security switch
    {
        ImapSecurity.None => SecureSocketOptions.None,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        ImapSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>What one poll did.</summary>
internal sealed class ImapPollResult
{
    public int Applied { get; set; }

    public int Ignored { get; set; }

    public int Refused { get; set; }

    /// <summary>Reports whose processing failed, left unseen for the next poll.</summary>
    public int Kept { get; set; }
}
