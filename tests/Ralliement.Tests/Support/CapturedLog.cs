using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ralliement.Tests.Support;

/// <summary>The warnings and errors a test host logged, for tests that assert what an operator reads.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _entries = new();

    /// <summary>Messages logged at Warning or above by categories starting with <paramref name="category"/>.</summary>
    public IReadOnlyList<string> From(string category) =>
        [.. _entries.Where(e => e.Category.StartsWith(category, StringComparison.Ordinal)).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._entries.Enqueue((category, formatter(state, exception)));
            }
        }
    }
}
