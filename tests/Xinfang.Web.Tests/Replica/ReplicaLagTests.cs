using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xinfang.Web.Data;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Operations;
using Xinfang.Web.Tests.Portal;

namespace Xinfang.Web.Tests.Replica;

/// <summary>
/// The replica's lag limit (issue 16, ADR 0170 addendum) against the real standby of .ci/start-replica: a standby
/// further behind than <c>Xinfang:Database:ReplicaMaxLag</c>, unreachable, or silent sends the reads that may lag to
/// the primary; /health/ready stays 200 and reports the replica's state and lag; /metrics has the lag; the log has one
/// line when reads switch to the primary and one when they come back, not one per request. The lag is made by pausing
/// replay (the only way to hold a standby behind on purpose: a small limit alone races the standby's replay of the
/// whole cluster's WAL, which other tests keep writing) — in the replica collection, so no other test reads the
/// standby meanwhile, and resumed in finally.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaLagTests
{
    private const string MonitorCategory = "Xinfang.Web.Data.ReplicaLagMonitor";
    private static readonly DateTimeOffset Today = XinfangApp.Start;

    [SkippableFact]
    public async Task A_standby_behind_the_limit_sends_reads_to_the_primary_until_it_catches_up_and_readiness_metrics_and_the_log_show_it()
    {
        TestServices.RequireReplica();
        var logs = new CapturedLogs();
        using var root = Standby.NewApp(out var replica, settings: new Dictionary<string, string> { [DataSetup.ReplicaMaxLagKey] = "00:00:02" });
        using var app = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var probe = app.CreateClient();
        var registrar = await Standby.SignInAsync(app, "demo.xihu.registrar");
        var admin = await Standby.SignInAsync(app, "demo.zj.admin");
        var petitioner = app.CreateClient();
        Guid bureau;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            bureau = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organizations.Where(o => o.Code == "330106XFJ").Select(o => o.Id).SingleAsync();
        }

        var statistics = $"/api/statistics?organization={bureau}&from={Today.Year}-01-01&to={Today.Year}-12-31";
        await Standby.CatchUpAsync();
        var (current, _) = await Standby.ReadyWhenAsync(probe, "Current");
        Assert.Equal("replica", current.GetProperty("readsFrom").GetString());
        Assert.Equal(2, current.GetProperty("maxLagSeconds").GetDouble());
        Assert.True(await ReadsFromReplicaAsync(app));

        await Standby.PauseReplayAsync();
        try
        {
            var submitted = await petitioner.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(petitioner));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var number = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;

            // Within a second or two past the limit, the check finds the standby behind; readiness stays 200 and says so.
            var (lagging, body) = await Standby.ReadyWhenAsync(probe, "Lagging", TimeSpan.FromSeconds(60));
            Assert.Equal("Ready", body.GetProperty("status").GetString());
            Assert.Equal("primary", lagging.GetProperty("readsFrom").GetString());
            Assert.True(lagging.GetProperty("lagSeconds").GetDouble() > 2, lagging.ToString());
            Assert.True(lagging.GetProperty("lagBytes").GetInt64() > 0, lagging.ToString());
            Assert.Contains("超过上限", lagging.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", body.ToString(), StringComparison.Ordinal);

            // The reads that may lag are the primary's: the dashboard counts the item the standby does not have yet.
            Assert.Equal(0, await Standby.CountOnStandbyAsync(replica, number));
            Assert.False(await ReadsFromReplicaAsync(app));
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(1, (await registrar.GetFromJsonAsync<StatisticsResult>(statistics, XinfangApp.Json))!.Total.Items);
            }

            Assert.Equal(0, await Standby.CountOnStandbyAsync(replica, number));

            // /metrics: the lag and that the replica is not in use.
            var metrics = await ScrapeAsync(admin);
            Assert.True(Value(metrics, "xinfang_replica_lag_seconds") > 2, Lines(metrics, "xinfang_replica"));
            Assert.True(Value(metrics, "xinfang_replica_lag_bytes") > 0, Lines(metrics, "xinfang_replica"));
            Assert.Equal(0, Value(metrics, "xinfang_replica_in_use", "state=\"Lagging\""));

            // One line for the switch, however many reads went to the primary since.
            var toPrimary = MonitorLines(logs, LogLevel.Warning);
            var line = Assert.Single(toPrimary);
            Assert.Contains("go to the primary", line.Message, StringComparison.Ordinal);
            Assert.True(double.Parse(line.Scope["state:LagSeconds"]!, CultureInfo.InvariantCulture) > 2, line.Message);
            Assert.True(long.Parse(line.Scope["state:LagBytes"]!, CultureInfo.InvariantCulture) > 0, line.Message);

            // Replay resumes: the standby catches up and the reads go back to it, with one line saying so.
            var backBefore = MonitorLines(logs, LogLevel.Information).Count;
            await Standby.ResumeReplayAsync();
            await Standby.CatchUpAsync();
            var (back, _) = await Standby.ReadyWhenAsync(probe, "Current");
            Assert.Equal("replica", back.GetProperty("readsFrom").GetString());
            Assert.True(back.GetProperty("lagSeconds").GetDouble() <= 2, back.ToString());
            Assert.True(await ReadsFromReplicaAsync(app));
            Assert.Equal(1, await Standby.CountOnStandbyAsync(replica, number));
            Assert.Equal(1, (await registrar.GetFromJsonAsync<StatisticsResult>(statistics, XinfangApp.Json))!.Total.Items);
            var lines = MonitorLines(logs, LogLevel.Information);
            Assert.Equal(backBefore + 1, lines.Count);
            Assert.Contains("go to the read replica", lines[^1].Message, StringComparison.Ordinal);
            Assert.Equal("Lagging", lines[^1].Scope["state:PreviousState"]);
            Assert.Equal(1, Value(await ScrapeAsync(admin), "xinfang_replica_in_use", "state=\"Current\""));
        }
        finally
        {
            await Standby.ResumeReplayAsync();
        }
    }

    [SkippableFact]
    public async Task An_unreachable_standby_sends_reads_to_the_primary_and_readiness_stays_200_and_reports_it()
    {
        TestServices.RequireReplica();
        var logs = new CapturedLogs();
        // Nothing listens on port 1: a connection is refused at once.
        using var root = Standby.NewApp(out _, port: 1);
        using var app = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var probe = app.CreateClient();
        var registrar = await Standby.SignInAsync(app, "demo.xihu.registrar");
        var petitioner = app.CreateClient();
        var submitted = await petitioner.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(petitioner));
        var done = await submitted.Content.ReadFromJsonAsync<JsonElement>();

        var (unreachable, body) = await Standby.ReadyWhenAsync(probe, "Unreachable", TimeSpan.FromSeconds(30));
        Assert.Equal("Ready", body.GetProperty("status").GetString());
        Assert.Equal("primary", unreachable.GetProperty("readsFrom").GetString());
        Assert.Equal(JsonValueKind.Null, unreachable.GetProperty("lagSeconds").ValueKind);
        Assert.Contains("无法连接", unreachable.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);

        // Reads are the primary's: the dashboard and the petitioner's lookup find the new item, again and again.
        Guid bureau;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            bureau = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organizations.Where(o => o.Code == "330106XFJ").Select(o => o.Id).SingleAsync();
        }

        for (var i = 0; i < 5; i++)
        {
            var stats = await registrar.GetFromJsonAsync<StatisticsResult>($"/api/statistics?organization={bureau}&from={Today.Year}-01-01&to={Today.Year}-12-31", XinfangApp.Json);
            Assert.Equal(1, stats!.Total.Items);
            var progress = await petitioner.PostAsJsonAsync("/api/public/progress", new { number = done.GetProperty("number").GetString(), queryCode = done.GetProperty("queryCode").GetString() });
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        }

        Assert.False(await ReadsFromReplicaAsync(app));
        // One warning for the state, with the refusal attached — not one per request or per failed check.
        var line = Assert.Single(MonitorLines(logs, LogLevel.Warning));
        Assert.Contains("Unreachable", line.Message, StringComparison.Ordinal);
        Assert.NotNull(line.Exception);
    }

    [SkippableFact]
    public async Task A_standby_that_accepts_and_never_answers_holds_no_request_the_check_gives_up_in_seconds()
    {
        TestServices.RequireReplica();
        // A port that accepts connections and says nothing: a request that opened the replica would wait out the
        // connection string's 30 s timeout; the lag check gives up after its own 2 s and reads go to the primary.
        using var silent = new TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptor = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var c = await silent.AcceptTcpClientAsync(stop.Token);
                    lock (accepted)
                    {
                        accepted.Add(c);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        try
        {
            using var app = Standby.NewApp(out _, port: ((System.Net.IPEndPoint)silent.LocalEndpoint).Port, timeoutSeconds: 30);
            var registrar = await app.SignInAsync("demo.xihu.registrar");
            var bureau = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == "330106XFJ").Select(o => o.Id).SingleAsync());
            var statistics = $"/api/statistics?organization={bureau}&from={Today.Year}-01-01&to={Today.Year}-12-31";

            var (unreachable, _) = await Standby.ReadyWhenAsync(app.CreateClient(), "Unreachable", TimeSpan.FromSeconds(30));
            Assert.Equal("primary", unreachable.GetProperty("readsFrom").GetString());

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 5; i++)
            {
                var answer = await registrar.GetAsync(statistics);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            // Five reads that each waited on the replica would take 150 s; from the primary they take a fraction of one
            // (the bound is loose for a loaded machine, and still far below a single connect timeout's wait of five).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"5 reads took {watch.Elapsed}");
            Assert.False(app.Services.GetRequiredService<ReplicaContexts>().Usable);
        }
        finally
        {
            await stop.CancelAsync();
            silent.Stop();
            await acceptor;
            lock (accepted)
            {
                accepted.ForEach(c => c.Dispose());
            }
        }
    }

    private static async Task<bool> ReadsFromReplicaAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<ReadDatabase>();
        return reads.FromReplica(await reads.ReadsAsync(CancellationToken.None));
    }

    private static List<CapturedLogs.Line> MonitorLines(CapturedLogs logs, LogLevel level) =>
        logs.Lines.Where(l => l.Category == MonitorCategory && l.Level == level).ToList();

    private static async Task<string> ScrapeAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>The value of the first line of the metric (with <paramref name="label"/> among its labels, when given).</summary>
    private static double? Value(string text, string name, string? label = null) => text.Split('\n')
        .Where(l => (l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            && (label is null || l.Contains(label, StringComparison.Ordinal)))
        .Select(l => double.Parse(ValueOf(l), CultureInfo.InvariantCulture))
        .Cast<double?>().FirstOrDefault();

    // "name{labels} value [timestamp]" or "name value [timestamp]": the value follows the name and its labels.
    private static string ValueOf(string line) =>
        (line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..]).Trim().Split(' ')[0];

    private static string Lines(string text, string prefix) =>
        string.Join('\n', text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
}
