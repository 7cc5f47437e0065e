using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>Keeps every formatted log message, to check that no address or token is logged (SEC-8).</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>Every event with its id and formatted message (EVD-1: the log event of evidence reads).</summary>
    public ConcurrentQueue<(int Id, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Messages.Enqueue(formatter(state, exception) + " " + exception);
            owner.Events.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }
}
