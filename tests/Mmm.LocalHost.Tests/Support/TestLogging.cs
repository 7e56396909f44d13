using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Mmm.LocalHost.Tests.Support;

/// <summary>Routes the executor's logs to the xunit test output (shown for failing tests).</summary>
public sealed class TestLogging(ITestOutputHelper output) : ILoggerProvider, ILogger
{
    public static ILoggerFactory Factory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder.AddProvider(new TestLogging(output)).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try { output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}"); }
        catch (InvalidOperationException) { /* the test has already finished */ }
    }

    public void Dispose() { }
}
