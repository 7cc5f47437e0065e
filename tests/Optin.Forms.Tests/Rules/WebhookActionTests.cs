using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

public sealed class WebhookActionTests
{
    [Fact]
    public async Task Webhook_OnSubmission_PostsSignedJsonWithoutTheAddress()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Rules:4:Name"] = "crm-hook";
            s["OptinForms:Rules:4:When"] = "FormSubmitted";
            s["OptinForms:Rules:4:Then:0:Action"] = "Webhook";
            s["OptinForms:Rules:4:Then:0:Args:Url"] = $"http://127.0.0.1:{port}/hook/";
            s["OptinForms:Rules:4:Then:0:Args:Secret"] = "s3cret";
        });
        await flow.SubmitAsync();

        var received = listener.GetContextAsync();
        var run = flow.RunAsync().AsTask();
        var context = await received.WaitAsync(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = context.Request.Headers["X-Optin-Timestamp"]!;
        var signature = context.Request.Headers["X-Optin-Signature"]!;
        context.Response.StatusCode = 204;
        context.Response.Close();
        await run;

        Assert.Equal(Some.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        Assert.Equal(expected, signature);
        Assert.Contains("\"event\":\"FormSubmitted\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("exemple.fr", body, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Done, (await flow.JobsAsync()).Single(j => j.RuleName == "crm-hook").Status);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
