using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;

namespace Xinfang.Web.Operations;

/// <summary>
/// Running the app (issue 16, docs/operations.md): liveness and readiness probes, the schema check at start,
/// graceful shutdown, structured logs carrying each request's id, and metrics on /metrics (ADR 0158).
/// </summary>
public static class OperationsModule
{
    public const string Section = "Xinfang:Operations";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection(Section);

        // Graceful shutdown: on SIGTERM Kestrel stops accepting and the host waits this long for requests in
        // flight (a registration's transaction, a report being written) before it gives up on them.
        var shutdown = config.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(30));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);

        // Structured logs: "json" writes one JSON object a line with the scopes (RequestId, TraceId, SpanId,
        // RequestPath) — what a log collector indexes; anything else keeps the readable console.
        if (string.Equals(config["LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Chinese messages as text, not \uXXXX escapes.
                o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
            });
        }

        // The framework's own request line ("Request starting … GET http://host/track?number=…&code=…") carries the
        // query string, where a petitioner's query code may travel: never written, whatever Logging:LogLevel says.
        // RequestLog writes one line per request instead, from the route template (docs/operations.md).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.Services.AddTransient<IStartupFilter, RequestLogFirst>();
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueGauges>());
        builder.Services.Configure<QueueGaugeOptions>(config.GetSection("Gauges"));

        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(XinfangMetrics.MeterName)
            // http.server.request.duration (by route and status) is the framework's own histogram.
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // Liveness: the process answers; no database, so a slow database never gets a healthy process restarted.
        app.MapGet("/health/live", () => TypedResults.Text("Healthy"))
            .ExcludeFromDescription().DisableAntiforgery();
        // Readiness: the database answers and holds exactly the migrations this build knows (503 with the reason otherwise).
        // The read replica's state and lag are reported beside it but never make the app unready: when the replica is
        // down or behind, the primary serves every read (ADR 0170 addendum).
        app.MapGet("/health/ready", async (DatabaseReadiness readiness, Data.ReplicaLagMonitor replica, CancellationToken ct) =>
            {
                var state = await readiness.CheckAsync(ct);
                var report = ReplicaReport.Of(replica);
                return state.Ready
                    ? Results.Json(new { status = "Ready", replica = report }, statusCode: StatusCodes.Status200OK)
                    : Results.Problem(title: "未就绪", detail: state.Reason, statusCode: StatusCodes.Status503ServiceUnavailable,
                        extensions: new Dictionary<string, object?> { ["replica"] = report });
            })
            .ExcludeFromDescription().DisableAntiforgery();
        // The guard runs inside the scrape's own branch, after the app's authentication: administrators or a local scraper.
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch => branch.Use(MetricsAccess.GuardAsync), optionsName: null)
            .ExcludeFromDescription();
        return app;
    }
}
