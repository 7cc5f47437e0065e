using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Benchmarks;

/// <summary>
/// The same sign-up written by hand, as a careful developer would write it for one site without the library: the floor
/// that <see cref="SubmissionBenchmarks.HandWritten"/> measures. It does the work the requirements impose on any
/// implementation, and nothing else:
/// <list type="bullet">
/// <item>the same field checks (<see cref="FieldValidator"/>) and the strict address with its comparison key (SEC-5);</item>
/// <item>the box ticked explicitly (CONS-3), the proof of the post (truncated IP, page, user agent: CONS-4);</item>
/// <item>one consent record with the texts shown, chained to the person's previous one by a SHA-256 (LEDG-1);</item>
/// <item>the post with its values, and the confirmation email to send with its payload and Message-ID (DOI-1);</item>
/// <item>all of it kept, in plain dictionaries and lists.</item>
/// </list>
/// </summary>
/// <remarks>
/// It has no seams, no transaction, no rules, no listeners, no async and no logging, and its records are small classes of
/// its own. Where the library has a primitive for an output the requirements fix (the address normaliser, the IP
/// truncation, record ids from a per-thread random buffer), the floor calls it, so that the ratio measures the
/// library's structure and not those primitives, whose costs <see cref="SubmissionCostBreakdown"/> shows one by one.
/// </remarks>
internal sealed class HandWrittenSignUp
{
    private readonly Dictionary<string, Person> _people = new(StringComparer.Ordinal);
    private readonly List<ConsentRecord> _consents = [];
    private readonly List<PostRecord> _posts = [];
    private readonly List<EmailToSend> _outbox = [];
    private readonly FormDefinition _form;
    private readonly PurposeDefinition _purpose;
    private readonly PurposeText _text;
    private readonly string _messageIdDomain;

    public HandWrittenSignUp(FormDefinition form, string culture, string defaultCulture, string messageIdDomain)
    {
        _form = form;
        _purpose = form.Consents[0];
        _text = _purpose.GetText(culture, defaultCulture);
        _messageIdDomain = messageIdDomain;
    }

    /// <summary>Records one post; false when a field is refused (nothing is kept then).</summary>
    public bool SignUp(SubmissionRequest request)
    {
        var values = new Dictionary<string, string>(_form.Fields.Length, StringComparer.Ordinal);
        NormalizedEmail? email = null;
        foreach (var field in _form.Fields)
        {
            var (value, error) = FieldValidator.Validate(field, Values(request, field.Name));
            if (error is not null)
            {
                return false;
            }

            if (value is null)
            {
                continue;
            }

            if (field.Kind == FieldKind.Email)
            {
                if (!EmailAddressNormalizer.TryNormalize(value, out email, out _))
                {
                    return false;
                }

                value = email.Address;
            }

            values[field.Name] = value;
        }

        if (email is null || !Ticked(request, _purpose.FieldName))
        {
            return false;
        }

        var now = SystemClock.Instance.GetCurrentInstant();
        var ip = ProofCapture.IpAddress(request.Context.IpAddress, CaptureMode.Truncated);
        var sourceUrl = ProofCapture.SourceUrl(request.Context.SourceUrl);
        var userAgent = ProofCapture.UserAgent(request.Context.UserAgent, CaptureMode.Full);
        if (!_people.TryGetValue(email.Key, out var person))
        {
            person = new Person(RecordIds.New(), email.Address, now);
            _people.Add(email.Key, person);
        }

        person.Fields = values;
        person.Pending = true;
        var postId = RecordIds.New();
        var consent = new ConsentRecord(RecordIds.New(), person.Id, postId, _purpose.Id, now, email.Address, _text.Consent, _text.Purpose, ip,
            sourceUrl, userAgent, person.LastHash);
        consent.Hash = Chain(consent, _text);
        person.LastHash = consent.Hash;
        _consents.Add(consent);
        _posts.Add(new PostRecord(postId, person.Id, _form.Id, now, request.Context.Culture, values, ip, sourceUrl, userAgent));
        var payload = System.Text.Json.JsonSerializer.Serialize(new ConfirmationPayload(person.Id, postId, _purpose.Id, _form.Id, request.Context.Culture),
            HandWrittenJson.Default.ConfirmationPayload);
        _outbox.Add(new EmailToSend(RecordIds.New(), person.Id, payload, $"{RecordIds.New():N}@{_messageIdDomain}", now));
        return true;
    }

    /// <summary>The posts kept so far.</summary>
    public int Count => _posts.Count;

    /// <summary>Ticked: posted once, as "true" (CONS-3).</summary>
    private static bool Ticked(SubmissionRequest request, string name)
    {
        var ticked = false;
        foreach (var (key, value) in request.Values)
        {
            if (key == name)
            {
                if (ticked || value != "true")
                {
                    return false;
                }

                ticked = true;
            }
        }

        return ticked;
    }

    /// <summary>The values posted under <paramref name="name"/>, in order (what <see cref="FieldValidator"/> takes).</summary>
    internal static List<string?> Values(SubmissionRequest request, string name)
    {
        var list = new List<string?>(1);
        foreach (var (key, value) in request.Values)
        {
            if (key == name)
            {
                list.Add(value);
            }
        }

        return list;
    }

    /// <summary>SHA-256 of the record's fields, one per line in UTF-8, after the previous record's hash (LEDG-1).</summary>
    private static string Chain(ConsentRecord record, PurposeText text)
    {
        Span<byte> canonical = stackalloc byte[2048];
        if (!Utf8.TryWrite(canonical, $"{record.Id}\n{record.PersonId}\n{record.PostId}\n{record.PurposeId}\n{record.At.ToUnixTimeTicks()}\n{record.Address}\n{text.ConsentSha256}\n{text.PurposeSha256}\n{record.Ip}\n{record.SourceUrl}\n{record.UserAgent}\n{record.PreviousHash}", out var written))
        {
            throw new InvalidOperationException("The canonical form is longer than its buffer.");
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical[..written], hash);
        return Convert.ToHexStringLower(hash);
    }

    private sealed class Person(Guid id, string email, Instant createdAt)
    {
        public Guid Id { get; } = id;

        public string Email { get; } = email;

        public Instant CreatedAt { get; } = createdAt;

        public Dictionary<string, string> Fields { get; set; } = [];

        public bool Pending { get; set; }

        public string LastHash { get; set; } = string.Empty;
    }

    private sealed record ConsentRecord(Guid Id, Guid PersonId, Guid PostId, string PurposeId, Instant At, string Address, string ConsentText,
        string PurposeText, string? Ip, string? SourceUrl, string? UserAgent, string PreviousHash)
    {
        public string Hash { get; set; } = string.Empty;
    }

    private sealed record PostRecord(Guid Id, Guid PersonId, string FormId, Instant At, string? Culture, Dictionary<string, string> Values,
        string? Ip, string? SourceUrl, string? UserAgent);

    private sealed record EmailToSend(Guid Id, Guid PersonId, string Payload, string MessageId, Instant DueAt);
}

/// <summary>What the hand-written confirmation email carries to the code that sends it.</summary>
internal sealed record ConfirmationPayload(Guid PersonId, Guid PostId, string PurposeId, string FormId, string? Culture);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConfirmationPayload))]
internal sealed partial class HandWrittenJson : JsonSerializerContext;
