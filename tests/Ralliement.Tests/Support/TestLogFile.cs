using Microsoft.Extensions.Logging;

namespace Ralliement.Tests.Support;

/// <summary>
/// Every test host also writes its logs to a file in the folder named by RALLIEMENT_TEST_LOG_DIR (one
/// file per host): all categories from Information, Ralliement's own from Debug. tests/run.sh sets the
/// folder and, after every suite, searches it for the test runs' addresses and names: personal data
/// must never reach a log. Without the variable nothing is written.
/// </summary>
public static class TestLogFile
{
    public const string Variable = "RALLIEMENT_TEST_LOG_DIR";

    /// <summary>The folder, or null when the run does not keep logs.</summary>
    public static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? folder : null;

    /// <summary>A new file's path in the folder, named after the host, or null.</summary>
    public static string? NewPath(string host)
    {
        if (Directory is not { } folder)
        {
            return null;
        }
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{host}-{Guid.NewGuid():N}.log");
    }

    public static void AddTo(ILoggingBuilder logging, string host)
    {
        if (NewPath(host) is not { } path)
        {
            return;
        }
        logging.AddProvider(new Provider(path));
        // Rules for this provider alone, so the app's own levels (Warning for ASP.NET Core) do not apply here.
        logging.AddFilter<Provider>(null, LogLevel.Information);
        logging.AddFilter<Provider>("Ralliement", LogLevel.Debug);
    }

    /// <summary>Appends lines to one file: level, category, event, message and exception, as a reader greps them.</summary>
    [ProviderAlias("TestLogFile")]
    public sealed class Provider(string path) : ILoggerProvider
    {
        private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
        private bool _disposed;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        internal void Write(string line)
        {
            lock (_writer)
            {
                if (!_disposed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Dispose()
        {
            lock (_writer)
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }

    private sealed class Logger(Provider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Write($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception)}".ReplaceLineEndings(" | "));
    }
}
