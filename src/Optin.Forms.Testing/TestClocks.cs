using NodaTime;
using NodaTime.Testing;

namespace Optin.Forms.Testing;

/// <summary>Fake clocks (NodaTime's <see cref="FakeClock"/>) for tests: time moves only when a test moves it, never by sleeping.</summary>
public static class TestClocks
{
    /// <summary>A fake clock at <paramref name="start"/>, or at <see cref="StoreTestData.Now"/> when null.</summary>
    /// <param name="start">The instant the clock reads until it is moved.</param>
    /// <param name="autoAdvance">How far the clock moves after each read; zero when null.</param>
    /// <returns>The clock; pass it to <c>UseClock</c> and move it with <see cref="FakeClock.Advance(Duration)"/>.</returns>
    public static FakeClock Create(Instant? start = null, Duration? autoAdvance = null) =>
        new(start ?? StoreTestData.Now, autoAdvance ?? Duration.Zero);
}
