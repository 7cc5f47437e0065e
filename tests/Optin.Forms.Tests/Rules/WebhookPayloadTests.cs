using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>The webhook's payload: ids only by default (data minimisation); a rule opts in to the address and chosen fields.</summary>
public sealed class WebhookPayloadTests
{
    [Fact]
    public async Task Webhook_Default_CarriesIdsOnly()
    {
        var body = await ReceiveAsync(_ => { });

        Assert.Equal(["event", "rule", "jobId", "contactId", "formId", "submissionId", "purpose", "culture", "createdAt"],
            body.Select(p => p.Key));
        Assert.DoesNotContain("exemple.fr", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_OptedIn_CarriesTheAddressAndExactlyTheChosenFields()
    {
        var body = await ReceiveAsync(s =>
        {
            s["OptinForms:Rules:4:Then:0:Args:IncludeEmail"] = "true";
            s["OptinForms:Rules:4:Then:0:Args:IncludeFields:0"] = "firstName";
        });

        Assert.Equal("jean.dupont@exemple.fr", (string?)body["email"]);
        var fields = body["fields"]!.AsObject();
        Assert.Equal("Jean", (string?)Assert.Single(fields, f => f.Key == "firstName").Value);
        Assert.Single(fields);
        Assert.Equal("FormSubmitted", (string?)body["event"]);
    }

    [Fact]
    public void Start_UnknownOrAddressField_IsRefusedWithThePathAndTheClosestName()
    {
        var settings = Flow.Settings();
        Hook(settings, "http://127.0.0.1:9/hook/");
        settings["OptinForms:Rules:4:Forms:0"] = "newsletter";
        settings["OptinForms:Rules:4:Then:0:Args:IncludeFields:0"] = "fistName";
        settings["OptinForms:Rules:4:Then:0:Args:IncludeFields:1"] = "email";
        using var services = Some.Services(out _, settings);

        var failures = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value).Failures;

        Assert.Contains("OptinForms:Rules[crm-hook] (position 4):Then:0:Args:IncludeFields: 'fistName' is not a field of the form(s) this rule can be " +
            "about (newsletter); did you mean 'firstName'? Their fields: firstName", failures);
        Assert.Contains("OptinForms:Rules[crm-hook] (position 4):Then:0:Args:IncludeFields: 'email' is the person's address: " +
            "send it with \"IncludeEmail\": true, not as a field", failures);
    }

    [Fact]
    public void Start_FieldsAsCommaSeparatedText_AreAccepted()
    {
        var settings = Flow.Settings();
        Hook(settings, "http://127.0.0.1:9/hook/");
        settings["OptinForms:Rules:4:Then:0:Args:IncludeFields"] = "firstName, message";
        using var services = Some.Services(out _, settings);

        Assert.Equal("firstName,message", services.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Rules[4].Then[0].Args["IncludeFields"]?.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void RecordOfProcessing_OptedInWebhook_ListsWhatTheReceiverGets()
    {
        var settings = Flow.Settings();
        Hook(settings, "https://crm.example.net/hooks/optin");
        settings["OptinForms:Rules:4:Then:0:Args:IncludeEmail"] = "true";
        settings["OptinForms:Rules:4:Then:0:Args:IncludeFields:0"] = "firstName";
        settings["OptinForms:Rules:4:Then:1:Action"] = "Webhook";
        settings["OptinForms:Rules:4:Then:1:Args:Url"] = "https://stats.example.net/hook";
        settings["OptinForms:Rules:4:Then:1:Args:Secret"] = "s3cret";
        using var services = Some.Services(out _, settings);

        var record = Optin.Forms.Consent.RecordOfProcessing.Generate(services.GetRequiredService<Optin.Forms.Schema.IFormCatalogProvider>().Current, Some.Now, "en");

        var recipients = record.Activities.SelectMany(a => a.Recipients).ToList();
        Assert.Contains("webhook to crm.example.net (rule 'crm-hook'): ids and email address, fields firstName", recipients);
        Assert.Contains("webhook to stats.example.net (rule 'crm-hook')", recipients);
    }

    private static void Hook(Dictionary<string, string?> s, string url)
    {
        s["OptinForms:Rules:4:Name"] = "crm-hook";
        s["OptinForms:Rules:4:When"] = "FormSubmitted";
        s["OptinForms:Rules:4:Then:0:Action"] = "Webhook";
        s["OptinForms:Rules:4:Then:0:Args:Url"] = url;
        s["OptinForms:Rules:4:Then:0:Args:Secret"] = "s3cret";
    }

    private static async Task<JsonObject> ReceiveAsync(Action<Dictionary<string, string?>> amend)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        using var flow = Flow.Start(s =>
        {
            Hook(s, $"http://127.0.0.1:{port}/hook/");
            amend(s);
        });
        await flow.SubmitAsync();

        var received = listener.GetContextAsync();
        var run = flow.RunAsync().AsTask();
        var context = await received.WaitAsync(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 204;
        context.Response.Close();
        await run;
        return JsonNode.Parse(body)!.AsObject();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
