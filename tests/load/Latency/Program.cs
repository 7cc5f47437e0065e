using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Open-loop latency check of the double opt-in email (see tests/load/latency.sh). Starts an SMTP server on 127.0.0.1
// that timestamps each accepted message, starts the sample with its SMTP sender pointed there, posts sign-ups at a
// fixed rate, and prints p50, p99 and max from each POST's *scheduled* time to the SMTP acceptance of its email, with
// the posts that failed, the emails lost (posted, never accepted) and the ones accepted twice.
//   usage: Latency <sample project dir> <rates, e.g. 100,500> <seconds per rate> <drain seconds> [KEY=VALUE ...]
// Each KEY=VALUE is passed to the sample as an environment variable (for example OptinForms__Jobs__MaxConcurrency=1).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Latency <sample project dir> <rates> <seconds> <drain seconds> [KEY=VALUE ...]");
    return 2;
}

var sampleDir = Path.GetFullPath(args[0]);
var rates = args[1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
var drain = TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture));
var clock = Stopwatch.StartNew();
var accepted = new ConcurrentDictionary<string, ConcurrentQueue<long>>(StringComparer.OrdinalIgnoreCase);
var work = Directory.CreateTempSubdirectory("optin-latency-");

var smtpPort = FreePort();
using var stopSmtp = new CancellationTokenSource();
var smtpServices = new ServiceProvider();
smtpServices.Add(new AcceptanceClock(clock, accepted));
// Nagle's algorithm off on the server's side, as a production relay answers pipelined commands: with the package's
// default listener each message waits ~40 ms for the client's delayed acknowledgement (measured: it caps a pooled
// connection at ~23 messages/s), so the check would time that stall rather than the library. OPTIN_LATENCY_NAGLE=1
// keeps the default listener to see it.
if (Environment.GetEnvironmentVariable("OPTIN_LATENCY_NAGLE") != "1")
{
    smtpServices.Add(new Optin.Forms.MailKit.Benchmarks.NoDelayEndpointListenerFactory());
}

var smtp = new SmtpServer.SmtpServer(
    new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, smtpPort))).Build(),
    smtpServices);
var smtpRunning = smtp.StartAsync(stopSmtp.Token);

var httpPort = FreePort();
var baseUrl = $"http://127.0.0.1:{httpPort}";
var start = new ProcessStartInfo("dotnet", [Path.Combine(sampleDir, "bin", "Release", "net10.0", "LandingPage.dll"), "--urls", baseUrl])
{
    WorkingDirectory = sampleDir, // the content root, where appsettings.json is
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
var env = new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Logging__LogLevel__Default"] = "Warning",
    ["OptinForms__BaseUrl"] = baseUrl,
    ["OptinForms__Abuse__MinFillTime"] = "00:00:00",
    ["OptinForms__Abuse__RateLimiting__Enabled"] = "false",
    ["OptinForms__Mail__Sender"] = "Smtp",
    ["OptinForms__Mail__Smtp__Host"] = "127.0.0.1",
    ["OptinForms__Mail__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
    ["OptinForms__Mail__Smtp__Security"] = "None",
    ["ConnectionStrings__Optin"] = $"Data Source={Path.Combine(work.FullName, "optin.db")}",
};
foreach (var pair in args.Skip(4))
{
    var at = pair.IndexOf('=', StringComparison.Ordinal);
    env[pair[..at]] = pair[(at + 1)..];
}

foreach (var (key, value) in env)
{
    start.Environment[key] = value;
}

var log = new StringBuilder();
using var sample = Process.Start(start)!;
sample.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
sample.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
sample.BeginOutputReadLine();
sample.BeginErrorReadLine();
var exit = 0;
try
{
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };
    var (body, cookie) = await FormAsync(http, sample, log);
    Console.WriteLine($"== sample up; SMTP on 127.0.0.1:{smtpPort}; {string.Join(' ', args.Skip(4))}");

    // Warm-up, not reported: JIT, connection pools, the SQLite file.
    await RunAsync(http, body, cookie, "warm", 50, 5, drain, report: false);
    foreach (var rate in rates)
    {
        if (!await RunAsync(http, body, cookie, $"r{rate}", rate, seconds, drain, report: true))
        {
            exit = 1;
        }
    }
}
finally
{
    sample.Kill(entireProcessTree: true);
    await sample.WaitForExitAsync();
    await stopSmtp.CancelAsync();
    await smtpRunning.ContinueWith(_ => { }, TaskScheduler.Default);
    work.Delete(recursive: true);
}

return exit;

async Task<bool> RunAsync(HttpClient http, string body, string cookie, string run, int rate, int duration, TimeSpan drainFor, bool report)
{
    var count = rate * duration;
    var scheduled = new long[count];
    var postTicks = new long[count];
    var failed = 0;
    var posts = new List<Task>(count);
    var first = clock.ElapsedTicks + Stopwatch.Frequency / 10;
    for (var i = 0; i < count; i++)
    {
        scheduled[i] = first + (long)((double)i * Stopwatch.Frequency / rate);
        var wait = scheduled[i] - clock.ElapsedTicks;
        if (wait > Stopwatch.Frequency / 1000)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }

        var index = i;
        posts.Add(Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
            {
                Content = new StringContent($"{body}&email={Address(run, index).Replace("@", "%40", StringComparison.Ordinal)}&consent.newsletter=true",
                    Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("Cookie", cookie);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                postTicks[index] = clock.ElapsedTicks - scheduled[index];
                if (response.StatusCode != HttpStatusCode.SeeOther)
                {
                    Interlocked.Increment(ref failed);
                    scheduled[index] = -1;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
                scheduled[index] = -1;
            }
        }));
    }

    await Task.WhenAll(posts);
    var deadline = clock.Elapsed + drainFor;
    while (clock.Elapsed < deadline && Enumerable.Range(0, count).Any(i => scheduled[i] >= 0 && !accepted.ContainsKey(Address(run, i))))
    {
        await Task.Delay(50);
    }

    await Task.Delay(1000); // a second copy, if any, has a moment to arrive
    var latencies = new List<double>(count);
    var lost = 0;
    var duplicated = 0;
    for (var i = 0; i < count; i++)
    {
        if (scheduled[i] < 0)
        {
            continue;
        }

        if (!accepted.TryGetValue(Address(run, i), out var times))
        {
            lost++;
            continue;
        }

        duplicated += times.Count > 1 ? 1 : 0;
        latencies.Add((times.Min() - scheduled[i]) * 1000.0 / Stopwatch.Frequency);
    }

    if (report)
    {
        latencies.Sort();
        var postMs = postTicks.Where((_, i) => scheduled[i] >= 0).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate {rate}/s for {duration} s: {count} posted, {failed} failed; POST to SMTP-accepted p50 {Pct(latencies, 0.50):F0} ms, p99 {Pct(latencies, 0.99):F0} ms, max {(latencies.Count > 0 ? latencies[^1] : double.NaN):F0} ms; lost {lost} (not accepted within the drain time), duplicated {duplicated} (POST answered: p50 {Pct(postMs, 0.50):F0} ms, p99 {Pct(postMs, 0.99):F0} ms)"));
    }

    return failed == 0 && lost == 0 && duplicated == 0;
}

static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string Address(string run, int i) => $"lat{run}x{i}@example.com";

static async Task<(string Body, string Cookie)> FormAsync(HttpClient http, Process sample, StringBuilder log)
{
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/optin/forms/newsletter", UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();
            var pairs = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .Select(m => $"{Uri.EscapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value))}={Uri.EscapeDataString(WebUtility.HtmlDecode(m.Groups[2].Value))}");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values)
                ? string.Join("; ", values.Select(v => v.Split(';')[0]))
                : string.Empty;
            return (string.Join('&', pairs), cookies);
        }
        catch (HttpRequestException) when (attempt < 240 && !sample.HasExited)
        {
            await Task.Delay(250);
        }
        catch (HttpRequestException)
        {
            lock (log)
            {
                Console.Error.WriteLine(log.ToString());
            }

            throw;
        }
    }
}

static int FreePort()
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return ((IPEndPoint)socket.LocalEndPoint!).Port;
}

/// <summary>Timestamps every accepted message, once per recipient.</summary>
internal sealed class AcceptanceClock(Stopwatch clock, ConcurrentDictionary<string, ConcurrentQueue<long>> accepted) : MessageStore
{
    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        var at = clock.ElapsedTicks;
        foreach (var to in transaction.To)
        {
            accepted.GetOrAdd($"{to.User}@{to.Host}", _ => new()).Enqueue(at);
        }

        return Task.FromResult(SmtpResponse.Ok);
    }
}
