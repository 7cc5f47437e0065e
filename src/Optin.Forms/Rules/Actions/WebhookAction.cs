using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.Rules.Actions;

/// <summary>
/// POSTs the event as JSON, signed: <c>X-Optin-Timestamp</c> (Unix seconds) and <c>X-Optin-Signature: sha256=</c> the
/// hex HMAC-SHA256 of <c>{timestamp}.{body}</c>. The job id is sent as <c>Idempotency-Key</c>, so a retry is
/// recognisable. The body holds ids only (data minimisation), unless the rule opts in to the address and chosen fields
/// (<see cref="WebhookArgs.IncludeEmail"/>, <see cref="WebhookArgs.IncludeFields"/>).
/// </summary>
internal sealed class WebhookAction(IClock clock, IOptinStore store, IFormCatalogProvider catalog) : RuleAction<WebhookArgs>
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, WebhookArgs args, CancellationToken cancellationToken)
    {
        if (!IsAllowed(args.Url!, out var uri))
        {
            return JobOutcome.DeadLetter("The webhook URL is not absolute https (or http on loopback).");
        }

        var payload = JsonSerializer.SerializeToNode(new
        {
            @event = context.EventType,
            rule = context.Job.RuleName,
            jobId = context.Job.Id,
            contactId = context.Job.ContactId,
            formId = context.FormId,
            submissionId = context.SubmissionId,
            purpose = context.PurposeId,
            culture = context.Culture,
            createdAt = context.Job.CreatedAt.ToString(),
        })!.AsObject();
        if (WebhookPayload.CarriesPersonalData(args))
        {
            var contact = context.Job.ContactId is { } id ? await store.Contacts.FindAsync(id, cancellationToken) : null;
            if (contact is null)
            {
                return JobOutcome.Skipped("The contact no longer exists.");
            }

            if (contact.ProcessingRestricted)
            {
                return JobOutcome.Skipped(Rights.PersonalDataService.RestrictedReason);
            }

            // The values posted with the event's submission (as the owner's notification shows them), else the contact's.
            var submission = context.SubmissionId is { } sid ? await store.Submissions.FindAsync(sid, cancellationToken) : null;
            var values = submission is not null
                ? submission.Values.Remove(catalog.Current.FindForm(submission.FormId)?.EmailField.Name ?? string.Empty)
                : (IReadOnlyDictionary<string, string>)contact.Fields;
            WebhookPayload.Add(payload, args, contact.Email, values);
        }

        var body = payload.ToJsonString();
        var timestamp = clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Optin-Timestamp", timestamp);
        request.Headers.Add("X-Optin-Signature", "sha256=" + Sign(args.Secret!, timestamp, body));
        request.Headers.Add("Idempotency-Key", context.Job.Id.ToString("N"));
        using var response = await Client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return JobOutcome.Done;
        }

        if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            return JobOutcome.DeadLetter($"The webhook answered {status}.");
        }

        throw new MailDeliveryException($"The webhook answered {status}.", isPermanent: false, status);
    }

    internal static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    internal static bool IsAllowed(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
