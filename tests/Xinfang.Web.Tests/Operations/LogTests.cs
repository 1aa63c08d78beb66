using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Operations;

/// <summary>
/// Structured logs (issue 16): every line of a request carries its request and trace id, which the answer names in
/// X-Request-Id / X-Trace-Id; at the most an operator switches on (Information everywhere) no query code, query
/// string, body or personal data reaches the log; "json" selects the JSON console with its scopes.
/// </summary>
public sealed class LogTests
{
    private static readonly Dictionary<string, string> Verbose = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
    };

    [Fact]
    public async Task Each_request_s_lines_carry_its_own_request_and_trace_id_and_the_answer_names_them()
    {
        var logs = new CapturedLogs();
        using var root = new XinfangApp(Provider.Sqlite, settings: Verbose);
        using var app = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var client = app.CreateClient();

        var answers = await Task.WhenAll(client.GetAsync("/health/live"), client.GetAsync("/api/public/challenge"));
        var ids = answers.Select(a => (Request: a.Headers.GetValues("X-Request-Id").Single(), Trace: a.Headers.GetValues("X-Trace-Id").Single())).ToList();
        Assert.NotEqual(ids[0].Request, ids[1].Request);
        Assert.NotEqual(ids[0].Trace, ids[1].Trace);
        Assert.All(ids, i => Assert.Matches("^[0-9a-f]{32}$", i.Trace));

        foreach (var (answer, (request, trace)) in answers.Zip(ids))
        {
            var lines = logs.Lines.Where(l => l.Scope.GetValueOrDefault("RequestId") == request).ToList();
            var route = answer.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Contains(lines, l => l.Category == "Xinfang.Web.Operations.RequestLog" && l.Message.StartsWith($"GET {route} answered 200 in ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Equal(trace, l.Scope.GetValueOrDefault("TraceId")));
        }

        // Lines of a request are only those of that request: none carries the other's id.
        Assert.DoesNotContain(logs.Lines, l => l.Scope.GetValueOrDefault("RequestId") == ids[0].Request && l.Message.Contains("/api/public/challenge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_query_code_query_string_body_or_personal_data_reaches_the_log()
    {
        var logs = new CapturedLogs();
        using var root = new XinfangApp(Provider.Sqlite, settings: Verbose);
        using var app = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        var registrar = await SignInAsync(app, "demo.xihu.registrar");
        var letter = AppExtensions.Letter("物业乱收费（日志测试）");
        var (status, registered) = await registrar.PostAsync("/api/petitions", letter);
        Assert.True(status == HttpStatusCode.Created, registered.ToJsonString());
        var number = registered["number"]!.GetValue<string>();
        var code = registered["queryCode"]!.GetValue<string>();

        var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync($"/track?number={Uri.EscapeDataString(number)}&code={Uri.EscapeDataString(code)}&phone=13912345678");
        var progress = await anonymous.PostAsJsonAsync("/api/public/progress", new { number, queryCode = code });
        Assert.True(progress.IsSuccessStatusCode, await progress.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The requests were logged — the test would prove nothing on an empty log.
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("POST /api/petitions/ answered 201", StringComparison.Ordinal) || l.Message.StartsWith("POST /api/petitions answered 201", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("GET /track answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("POST /api/public/progress answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)); // the SQL lines were on
        // The framework's own request line (full URL with the query string) is held back whatever the level.
        Assert.DoesNotContain(logs.Lines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Level < LogLevel.Warning);

        string[] secrets = [code, "code=", "13912345678", "11010519491231002X", "王建国", "北山街道1幢", "物业公司今年起每月加收停车管理费"];
        foreach (var line in logs.Lines)
        {
            var text = string.Join('\n', [line.Message, line.Exception ?? string.Empty, .. line.Scope.Select(kv => $"{kv.Key}={kv.Value}")]);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{line.Category} wrote “{secret}”: {text}");
            }
        }
    }

    /// <summary>A signed-in client of the derived app (the one whose logs are captured).</summary>
    private static async Task<Staff> SignInAsync(WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Xinfang.Web.Administration.DemoData.DemoPassword })).EnsureSuccessStatusCode();
        return new Staff(client, new Dictionary<string, Guid>());
    }

    [Fact]
    public void The_json_setting_selects_the_json_console_which_writes_the_request_scope()
    {
        using var app = new XinfangApp(Provider.Sqlite, settings: new Dictionary<string, string> { ["Xinfang:Operations:LogFormat"] = "json" });
        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        var json = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);

        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new Dictionary<string, object?> { ["RequestId"] = "0HNTEST:00000001", ["TraceId"] = "4bf92f3577b34da6a3ce929d0e0e4736" });
        using var output = new StringWriter();
        json.Write(new LogEntry<string>(LogLevel.Information, "Xinfang.Test", new EventId(1), "登记完成", null, (s, _) => s), scopes, output);

        var line = output.ToString();
        Assert.Contains("登记完成", line, StringComparison.Ordinal); // Chinese as text, not \u escapes
        using var doc = JsonDocument.Parse(line);
        var scopeValues = doc.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopeValues, s => s.TryGetProperty("RequestId", out var id) && id.GetString() == "0HNTEST:00000001");
        Assert.True(doc.RootElement.TryGetProperty("Timestamp", out _));
    }
}
