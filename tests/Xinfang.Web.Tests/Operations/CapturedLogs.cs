using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Xinfang.Web.Tests.Operations;

/// <summary>Every log line the app writes, with its category and the values of its scopes (as a JSON console with scopes would show them).</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Line(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyDictionary<string, string?> Scope);

    public ConcurrentQueue<Line> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope((s, d) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (k, v) in pairs)
                    {
                        d[k] = v?.ToString();
                    }
                }
                else
                {
                    d["scope:" + d.Count] = s?.ToString();
                }
            }, scope);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (k, v) in values)
                {
                    scope["state:" + k] = v?.ToString();
                }
            }

            owner.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception), exception?.ToString(), scope));
        }
    }
}
