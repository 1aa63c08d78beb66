using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Operations;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Operations;

/// <summary>
/// /metrics (issue 16): administrators (or a scraper on this machine) read the intake counter, the request-duration
/// histogram and the queue gauges; the gauges are the counts the domain gives for the same items.
/// </summary>
public abstract partial class MetricsTests(Provider provider)
{
    private XinfangApp NewApp()
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        var app = new XinfangApp(provider);
        _ = app.Server;
        return app;
    }

    [SkippableFact]
    public async Task Administrators_read_the_counters_after_a_registration_and_others_are_refused()
    {
        using var app = NewApp();
        var admin = await app.SignInAsync("demo.zj.admin");
        var registrar = await app.StaffAsync("demo.xihu.registrar");

        var before = Value(await ScrapeAsync(admin), "xinfang_intake_registered_total", "form=\"Letter\"") ?? 0;
        await registrar.RegisterAsync(AppExtensions.Letter());
        // The framework records a request's duration when the request ends on the server, which may be just after the
        // client has read the answer (CI once scraped in between): wait a bounded moment for the histogram line.
        var text = await ScrapeAsync(admin);
        for (var waited = 0; !HistogramLine().IsMatch(text) && waited < 50; waited++)
        {
            await Task.Delay(100);
            text = await ScrapeAsync(admin);
        }

        // Other apps in this test process share the meter: the counter grew by at least this registration.
        Assert.True(Value(text, "xinfang_intake_registered_total", "form=\"Letter\"") >= before + 1, text);
        Assert.True(HistogramLine().IsMatch(text), string.Join('\n', text.Split('\n').Where(l => l.Contains("http_server", StringComparison.Ordinal)).Take(40)));

        // Through a proxy (X-Forwarded-For): an administrator still reads; a registrar and an anonymous visitor do not.
        Assert.Equal(HttpStatusCode.OK, (await Forwarded(admin)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Forwarded(registrar.Client)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Forwarded(app.CreateClient())).StatusCode);
    }

    private static Task<HttpResponseMessage> Forwarded(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return client.SendAsync(request);
    }

    [SkippableFact]
    public async Task The_queue_and_overdue_gauges_are_the_counts_the_domain_gives_and_the_scrape_shows_them()
    {
        using var app = NewApp();
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        var first = await registrar.RegisterAsync(AppExtensions.Letter("甲小区停车费"));
        await registrar.RegisterAsync(AppExtensions.Letter("乙小区停车费"));
        // A month later: the 15-day disposition period (条例 Art. 22) of both has run out; a third item is new.
        app.Advance(TimeSpan.FromDays(30));
        registrar = await app.StaffAsync("demo.xihu.registrar"); // the month ended the session
        var admin = await app.SignInAsync("demo.zj.admin");
        await registrar.RegisterAsync(AppExtensions.Letter("丙小区停车费"));
        await registrar.ActAsync(first.Id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), note = "转住建局" });

        var gauges = app.Services.GetRequiredService<QueueGauges>();
        var snapshot = await gauges.RefreshAsync(default);

        // The oracle: every item loaded whole, judged by the domain's own rules.
        var today = DeadlineTime.LocalDate(app.Clock.GetUtcNow());
        var items = await app.WithDbAsync(db => db.PetitionsAcrossDeployment.ToListAsync());
        var open = items.Where(p => p.State != PetitionState.Closed).GroupBy(p => p.State).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(open.OrderBy(kv => kv.Key), snapshot.OpenByState.OrderBy(kv => kv.Key));
        Assert.Equal(items.Count(p => p.IsOverdueOn(today)), snapshot.Overdue);
        Assert.Equal(3, items.Count);
        Assert.True(snapshot.Overdue >= 1, "the month-old item left unforwarded is overdue");

        var text = await ScrapeAsync(admin);
        Assert.Matches(@"(?m)^xinfang_petitions_open\{[^}]*state=""Registered""[^}]*\} \d+", text);
        Assert.Matches(@"(?m)^xinfang_petitions_overdue(\{[^}]*\})? \d+", text);
        Assert.Matches(@"(?m)^xinfang_petitions_snapshot_age_seconds(\{[^}]*\})? [0-9.eE+-]+", text);
    }

    private static async Task<string> ScrapeAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>The value of a metric line whose labels contain <paramref name="label"/>.</summary>
    private static double? Value(string text, string name, string label) => text.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))
        .Cast<double?>().FirstOrDefault();

    [GeneratedRegex(@"(?m)^http_server_request_duration_seconds_bucket\{[^}]*http_route=""/?api/petitions/?""[^}]*\} \d+")]
    private static partial Regex HistogramLine();
}

/// <summary>
/// The framework's request histogram comes from a meter each app creates under the same name. OpenTelemetry feeds
/// every same-named instrument in the process into one metric stream, and ends that stream when any one of those
/// instruments ends: another test's app disposed mid-test took the histogram out of this app's scrape (CI, after
/// session 13). One app per process in production; here these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FrameworkMeterCollection
{
    public const string Name = "Framework meters (one metric stream per name in the process)";
}

[Collection(FrameworkMeterCollection.Name)]
public sealed class SqliteMetricsTests() : MetricsTests(Provider.Sqlite);

[Collection(FrameworkMeterCollection.Name)]
public sealed class PostgresMetricsTests() : MetricsTests(Provider.Postgres);
