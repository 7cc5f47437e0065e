using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Rules;
using Optin.Forms.Storage;
using Xunit.Abstractions;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>
/// ABU-3: a form post answers the same, and as fast, whatever the state of the address (new, pending, confirmed,
/// withdrawn, suppressed), so that nobody can learn from the site whether an address is on its lists.
/// </summary>
/// <remarks>The timing tests run alone (<see cref="TimedTests"/>): other tests' servers would be noise.</remarks>
[Collection(TimedTests.Name)]
public sealed partial class AddressStateTests(ITestOutputHelper output)
{
    private const int Warmup = 3;
    private const int Samples = 30;

    private static readonly AddressState[] States = Enum.GetValues<AddressState>();

    /// <summary>No rate limit and no minimum fill time: every post goes all the way through the pipeline.</summary>
    private static OptinWebFactory App(Action<IServiceCollection>? services = null) =>
        new(("OptinForms:Abuse:RateLimiting:Enabled", "false"), ("OptinForms:Abuse:MinFillTime", "00:00:00"))
        {
            ConfigureServicesExtra = services,
        };

    [Fact]
    [Trait("Requirement", "ABU-3")]
    public async Task FormPost_HtmlAndJsonAnswers_AreTheSame_WhateverTheStateOfTheAddress()
    {
        using var app = App();
        var answers = new Dictionary<(string Kind, AddressState State), string>();
        foreach (var state in States)
        {
            foreach (var kind in new[] { "html", "json" })
            {
                var address = Some.Email($"{kind}-{state}".ToLowerInvariant());
                await AddressStates.SeedAsync(app, address, state);
                var (request, client) = await PrepareAsync(app, kind, address);
                answers[(kind, state)] = await DescribeAsync(await client.SendAsync(request));
            }
        }

        Assert.Contains("303", answers[("html", AddressState.New)], StringComparison.Ordinal);
        Assert.Contains("Location: /merci", answers[("html", AddressState.New)], StringComparison.Ordinal);
        Assert.Contains("202", answers[("json", AddressState.New)], StringComparison.Ordinal);
        foreach (var ((kind, state), answer) in answers)
        {
            Assert.True(answers[(kind, AddressState.New)] == answer,
                $"{kind} answer for a {state} address:\n{answer}\ndiffers from the answer for a new one:\n{answers[(kind, AddressState.New)]}");
        }
    }

    [Fact]
    [Trait("Requirement", "ABU-3")]
    public async Task FormPost_TakesAsLong_WhateverTheStateOfTheAddress()
    {
        using var app = App(WithoutBackgroundWork);
        var medians = await MeasureAsync(app);

        foreach (var kind in new[] { "html", "json" })
        {
            var (similar, report) = Compare(medians, kind);
            output.WriteLine(report);
            Assert.True(similar, report);
        }
    }

    /// <summary>The comparison above is not vacuous: a known address that costs 20 ms more (a store round trip, a sleep) is caught.</summary>
    [Fact]
    [Trait("Requirement", "ABU-3")]
    public async Task TimingComparison_CatchesAKnownAddressThatTakes20MsMore()
    {
        using var app = App(services =>
        {
            WithoutBackgroundWork(services);
            services.AddSingleton<IOptinEventListener>(new SlowForKnownContacts(TimeSpan.FromMilliseconds(20)));
        });
        var medians = await MeasureAsync(app);

        foreach (var kind in new[] { "html", "json" })
        {
            var (similar, report) = Compare(medians, kind);
            output.WriteLine(report);
            Assert.False(similar, report);
        }
    }

    /// <summary>
    /// Posts <see cref="Samples"/> times for addresses in each state and kind of post, interleaved (so that a slow
    /// moment of the machine falls on every state alike), after <see cref="Warmup"/> unmeasured rounds.
    /// Only the post itself is timed; the page visit before an HTML post is not.
    /// </summary>
    private static async Task<Dictionary<(string Kind, AddressState State), double>> MeasureAsync(OptinWebFactory app)
    {
        var rounds = Warmup + Samples;
        foreach (var state in States)
        {
            for (var i = 0; i < rounds; i++)
            {
                await AddressStates.SeedAsync(app, Address("html", state, i), state);
                await AddressStates.SeedAsync(app, Address("json", state, i), state);
            }
        }

        var times = new Dictionary<(string Kind, AddressState State), List<double>>();
        for (var i = 0; i < rounds; i++)
        {
            for (var s = 0; s < States.Length; s++)
            {
                // A different order in each round: no state always follows the same one.
                var state = States[(s + i) % States.Length];
                foreach (var kind in i % 2 == 0 ? new[] { "html", "json" } : ["json", "html"])
                {
                    var (request, client) = await PrepareAsync(app, kind, Address(kind, state, i));
                    var start = Stopwatch.GetTimestamp();
                    using var response = await client.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.SeeOther, response.StatusCode.ToString());
                    if (i >= Warmup)
                    {
                        (times.TryGetValue((kind, state), out var list) ? list : times[(kind, state)] = []).Add(elapsed);
                    }
                }
            }
        }

        return times.ToDictionary(t => t.Key, t => Median(t.Value));
    }

    /// <summary>
    /// Similar when the slowest and the fastest state's medians are within max(5 ms, half the fastest median): loose
    /// enough for a busy two-core CI machine, tight enough that a 20 ms difference shows.
    /// </summary>
    private static (bool Similar, string Report) Compare(Dictionary<(string Kind, AddressState State), double> medians, string kind)
    {
        var ofKind = States.ToDictionary(s => s, s => medians[(kind, s)]);
        var fastest = ofKind.Values.Min();
        var spread = ofKind.Values.Max() - fastest;
        var bound = Math.Max(5.0, 0.5 * fastest);
        var report = $"{kind} post medians: "
            + string.Join(", ", ofKind.Select(m => $"{m.Key} {m.Value.ToString("F2", CultureInfo.InvariantCulture)} ms"))
            + $"; spread {spread.ToString("F2", CultureInfo.InvariantCulture)} ms, bound {bound.ToString("F2", CultureInfo.InvariantCulture)} ms";
        return (spread <= bound, report);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static string Address(string kind, AddressState state, int i) =>
        Some.Email($"{kind}-{state}-{i.ToString(CultureInfo.InvariantCulture)}".ToLowerInvariant());

    /// <summary>The post, ready to send: HTML from a visitor who opened the form (cookie and hidden fields), or JSON.</summary>
    private static async Task<(HttpRequestMessage Request, HttpClient Client)> PrepareAsync(OptinWebFactory app, string kind, string address)
    {
        var client = app.Client();
        if (kind == "json")
        {
            var json = "{\"email\":\"" + address + "\",\"consent.newsletter\":\"true\",\"firstName\":\"Jean\"}";
            var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            return (request, client);
        }

        var session = new FormSession(client);
        await session.OpenAsync("/optin/forms/newsletter");
        var pairs = session.Hidden.Append(new("email", address)).Append(new("consent.newsletter", "true")).Append(new("firstName", "Jean"));
        return (new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter") { Content = new FormUrlEncodedContent(pairs) }, client);
    }

    /// <summary>Status, headers (but the date) and body, with per-request values (nonces, tokens) blanked.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var text = new StringBuilder().Append((int)response.StatusCode).Append('\n');
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(string.Join(", ", values)).Append('\n');
            }
        }

        text.Append('\n').Append(await response.Content.ReadAsStringAsync());
        return PerRequest().Replace(text.ToString(), "$1…");
    }

    [GeneratedRegex("(nonce-|nonce=\"|name=\"__[A-Za-z_]+\" value=\")[^\"' ;]+")]
    private static partial Regex PerRequest();

    /// <summary>The engine's job worker and sweeps (not the store's start-up) would run the seeded addresses' jobs while posts are timed: noise, not signal.</summary>
    private static void WithoutBackgroundWork(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.Assembly == typeof(IOptinEventListener).Assembly).ToList())
        {
            services.Remove(descriptor);
        }
    }

    /// <summary>Stands for a pipeline that does more work for an address it already knows.</summary>
    private sealed class SlowForKnownContacts(TimeSpan delay) : IOptinEventListener
    {
        public async ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
        {
            if (optinEvent is FormSubmitted { ContactCreated: false })
            {
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
