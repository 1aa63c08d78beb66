using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Privacy;

/// <summary>
/// Logs never carry a petitioner's ID number, phone or address (ADR 0040): every category at every
/// level, including EF Core's SQL and ASP.NET Core's request lines, captured during a registration,
/// a search by phone and ID (in the body) and a reveal.
/// </summary>
public sealed class LogTests : IDisposable
{
    private readonly XinfangApp _app = new(Provider.Sqlite);
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task Registration_search_and_reveal_log_no_id_number_phone_or_address()
    {
        using var app = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l
            .AddProvider(_logs)
            .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace))));
        var idNumber = PrivacyTests.NewIdNumber();
        var phone = PrivacyTests.NewPhone();
        const string address = "杭州市西湖区翠苑街道文一西路某小区7幢";

        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        (await client.PostAsync("/api/auth/login", Json(new { userName = "demo.xihu.registrar", password = Administration.DemoData.DemoPassword }))).EnsureSuccessStatusCode();
        var registered = await client.PostAsync("/api/petitions", Json(PrivacyTests.Person(idNumber, phone, address)));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/petitions/search", Json(new { phone }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/petitions/search", Json(new { idNumber }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/petitions/{id}/petitioners/0/reveal", null)).StatusCode);

        var lines = _logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/api/petitions", StringComparison.Ordinal));
        foreach (var secret in new[] { idNumber, idNumber[6..14], phone, phone[3..], address, "翠苑街道" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, XinfangApp.Json), System.Text.Encoding.UTF8, "application/json");

    public void Dispose() => _app.Dispose();

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
