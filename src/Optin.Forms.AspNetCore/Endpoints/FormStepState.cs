using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// The values of a multi-step form's earlier steps, travelling with the visitor in hidden fields: signed and encrypted
/// with ASP.NET Core Data Protection under a purpose bound to the form, stamped with the time it was issued and the
/// form's version. Nothing is stored on the server before the last step.
/// </summary>
/// <remarks>
/// A state is good for <see cref="AbuseOptions.MaxFillTime"/> (how long a rendered form stays postable). A long state
/// is cut into several hidden fields of the same name, each within <see cref="OptinFormsWebOptions.MaxFieldLength"/>.
/// </remarks>
internal sealed class FormStepState(IDataProtectionProvider provider, IClock clock, IOptionsMonitor<OptinFormsWebOptions> options)
{
    /// <summary>The hidden field(s) holding the protected state.</summary>
    public const string FieldName = "__optin_state";

    /// <summary>The name of the "back" submit button (value <c>1</c>).</summary>
    public const string BackField = "__optin_step_back";

    /// <summary>The name of the "next" submit button (value <c>1</c>).</summary>
    public const string NextField = "__optin_step_next";

    private const string Purpose = "Optin.Forms.AspNetCore.Steps.v1";

    /// <summary>The protected state of <paramref name="form"/>, in one or more pieces to post back in order.</summary>
    public IReadOnlyList<string> Protect(FormDefinition form, StepStateData data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("f", form.Id);
            json.WriteString("v", form.Version);
            json.WriteNumber("s", data.Step);
            json.WriteNumber("t", clock.GetCurrentInstant().ToUnixTimeMilliseconds());
            if (data.FillToken is not null)
            {
                json.WriteString("r", data.FillToken);
            }

            json.WriteStartArray("d");
            foreach (var (key, value) in data.Values)
            {
                json.WriteStartArray();
                json.WriteStringValue(key);
                json.WriteStringValue(value);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var token = Protector(form).Protect(Encoding.UTF8.GetString(buffer.ToArray()));
        var size = Math.Max(64, options.CurrentValue.MaxFieldLength);
        var pieces = new List<string>((token.Length / size) + 1);
        for (var i = 0; i < token.Length; i += size)
        {
            pieces.Add(token.Substring(i, Math.Min(size, token.Length - i)));
        }

        return pieces;
    }

    /// <summary>Reads the state posted to <paramref name="form"/>: good, or refused with the reason.</summary>
    public StepStateVerdict Read(FormDefinition form, IReadOnlyList<string?> pieces, out StepStateData data)
    {
        data = StepStateData.Start;
        if (pieces.Count == 0)
        {
            return StepStateVerdict.Missing;
        }

        string payload;
        try
        {
            payload = Protector(form).Unprotect(string.Concat(pieces));
        }
        catch (CryptographicException)
        {
            // Altered, cut, from another form (another purpose), or from a site whose keys are gone.
            return StepStateVerdict.Refused;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (!string.Equals(root.GetProperty("f").GetString(), form.Id, StringComparison.OrdinalIgnoreCase))
            {
                return StepStateVerdict.Refused;
            }

            var step = root.GetProperty("s").GetInt32();
            if (step < 0 || step >= form.Steps.Length)
            {
                return StepStateVerdict.Refused;
            }

            var issued = Instant.FromUnixTimeMilliseconds(root.GetProperty("t").GetInt64());
            if (clock.GetCurrentInstant() - issued > Duration.FromTimeSpan(options.CurrentValue.Abuse.MaxFillTime))
            {
                return StepStateVerdict.Expired;
            }

            if (!string.Equals(root.GetProperty("v").GetString(), form.Version, StringComparison.Ordinal))
            {
                // The form changed between two steps: what was typed may no longer fit it.
                return StepStateVerdict.Expired;
            }

            var values = new List<KeyValuePair<string, string?>>();
            foreach (var pair in root.GetProperty("d").EnumerateArray())
            {
                values.Add(new(pair[0].GetString()!, pair[1].GetString()));
            }

            var fill = root.TryGetProperty("r", out var r) ? r.GetString() : null;
            data = new StepStateData(step, fill, values);
            return StepStateVerdict.Valid;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
            or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return StepStateVerdict.Refused;
        }
    }

    private IDataProtector Protector(FormDefinition form) =>
        provider.CreateProtector(Purpose, form.Id.ToLowerInvariant());
}

/// <summary>What a multi-step form's state carries.</summary>
/// <param name="Step">The step (from 0) the page that carries it shows.</param>
/// <param name="FillToken">The signed render time of the first step's page, checked at the last step (ABU-2).</param>
/// <param name="Values">The values of every step posted so far, consents included, in posted order.</param>
internal sealed record StepStateData(int Step, string? FillToken, IReadOnlyList<KeyValuePair<string, string?>> Values)
{
    /// <summary>The state before the first post: step 1, nothing typed.</summary>
    public static StepStateData Start { get; } = new(0, null, []);
}

/// <summary>What a posted state says.</summary>
internal enum StepStateVerdict
{
    /// <summary>No state posted: the post comes from the first step.</summary>
    Missing,

    /// <summary>Signed by this site, for this form and its current version, in time.</summary>
    Valid,

    /// <summary>Altered, unreadable, or issued for another form.</summary>
    Refused,

    /// <summary>Genuine but older than <see cref="AbuseOptions.MaxFillTime"/>, or issued for an earlier version of the form.</summary>
    Expired,
}
