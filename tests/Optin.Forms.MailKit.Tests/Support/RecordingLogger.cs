using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Optin.Forms.MailKit.Tests.Support;

/// <summary>Keeps every formatted log line, with its event id and exception, to check what reaches the logs.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId EventId, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, formatter(state, exception) + (exception is null ? "" : " " + exception)));
}
