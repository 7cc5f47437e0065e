using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Optin.Forms.Tests.Support;

/// <summary>A logger provider that keeps every message, for tests that check what was logged.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception)));
    }
}
