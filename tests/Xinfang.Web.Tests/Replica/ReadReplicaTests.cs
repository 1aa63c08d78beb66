using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Data;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Portal;

namespace Xinfang.Web.Tests.Replica;

/// <summary>
/// Reads routed to a real streaming standby (issue 16, ADR 0170; .ci/start-replica makes it on 127.0.0.1:5433):
/// the dashboards, search and public tracking read there, every write goes to the primary, and a petitioner who
/// has just submitted finds the item while the standby lags. Lag is made, not hoped for: replay is paused on the
/// standby (<c>pg_wal_replay_pause()</c>), so the standby serves the data as it was. Pausing is for the whole
/// standby, so every test needing it is in the replica collection (xunit runs it one test at a time) and resumes
/// in <c>finally</c>; .ci/start-replica resumes a standby left paused by an interrupted run. The lag limit and the
/// replica found unreachable or behind are ReplicaLagTests'; both classes share one collection, so one pauses at a time.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReadReplicaTests
{
    private static readonly DateTimeOffset Today = XinfangApp.Start;

    [SkippableFact]
    public async Task Reads_go_to_the_standby_and_writes_to_the_primary()
    {
        TestServices.RequireReplica();
        using var app = Standby.NewApp(out var replica);
        _ = app.Server;
        await Standby.CatchUpAsync();
        await ReplicaInUseAsync(app);

        await using var scope = app.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<ReadDatabase>();
        var readContext = await reads.ReadsAsync(CancellationToken.None);
        Assert.True(reads.FromReplica(readContext));
        Assert.True(await InRecoveryAsync(readContext), "the read context's connection is the standby's (in recovery)");
        Assert.False(await InRecoveryAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>()), "AppDbContext is the primary's");
        await Assert.ThrowsAsync<InvalidOperationException>(() => readContext.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task While_the_standby_lags_the_dashboard_and_search_show_its_older_data_and_the_petitioner_still_finds_the_new_item()
    {
        TestServices.RequireReplica();
        // A limit far above the test's pause: within the limit the standby serves its older data (the lag limit is ReplicaLagTests').
        using var app = Standby.NewApp(out var replica, settings: new Dictionary<string, string> { [DataSetup.ReplicaMaxLagKey] = "00:10:00" });
        var registrar = await app.SignInAsync("demo.xihu.registrar");
        var bureau = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == "330106XFJ").Select(o => o.Id).SingleAsync());
        var statistics = $"/api/statistics?organization={bureau}&from={Today.Year}-01-01&to={Today.Year}-12-31";
        await Standby.CatchUpAsync();
        await ReplicaInUseAsync(app);
        Assert.Equal(0, (await registrar.GetFromJsonAsync<StatisticsResult>(statistics, XinfangApp.Json))!.Total.Items);

        var petitioner = app.CreateClient();
        await Standby.PauseReplayAsync();
        try
        {
            // The write goes to the primary while the standby replays nothing.
            var submitted = await petitioner.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(petitioner));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var done = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            var number = done.GetProperty("number").GetString()!;
            var code = done.GetProperty("queryCode").GetString()!;
            Assert.Equal(1, await app.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync(p => p.Number == number)));
            Assert.Equal(0, await Standby.CountOnStandbyAsync(replica, number));

            // Figures and search are read on the standby: they show the data as it was before the submission.
            Assert.Equal(0, (await registrar.GetFromJsonAsync<StatisticsResult>(statistics, XinfangApp.Json))!.Total.Items);
            Assert.Equal(0, (await registrar.GetFromJsonAsync<JsonElement>("/api/petitions/fulltext?q=电梯")).GetProperty("total").GetInt32());

            // The petitioner who has just submitted finds the item with its number and query code: the miss on
            // the standby is read again on the primary (Portal/PetitionerKey).
            var progress = await petitioner.PostAsJsonAsync("/api/public/progress", new { number, queryCode = code });
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
            Assert.Equal(number, (await progress.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());
            // A wrong code is still refused after both reads.
            var wrong = await petitioner.PostAsJsonAsync("/api/public/progress", new { number, queryCode = "WRONG-CODE-0000" });
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

            // Replay resumes: the standby catches up and the figures and the search show the item.
            await Standby.ResumeReplayAsync();
            await Standby.CatchUpAsync();
            Assert.Equal(1, await Standby.CountOnStandbyAsync(replica, number));
            Assert.Equal(1, (await registrar.GetFromJsonAsync<StatisticsResult>(statistics, XinfangApp.Json))!.Total.Items);
            Assert.Equal(1, (await registrar.GetFromJsonAsync<JsonElement>("/api/petitions/fulltext?q=电梯")).GetProperty("total").GetInt32());
            var again = await petitioner.PostAsJsonAsync("/api/public/progress", new { number, queryCode = code });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            await Standby.ResumeReplayAsync();
        }
    }

    [SkippableFact]
    public async Task An_unreachable_standby_leaves_the_reads_on_the_primary()
    {
        TestServices.RequireReplica();
        // Nothing listens on port 1: the lag check finds the standby down and every read goes to the primary until it answers.
        using var app = Standby.NewApp(out _, port: 1);
        var registrar = await app.SignInAsync("demo.xihu.registrar");
        var petitioner = app.CreateClient();
        var submitted = await petitioner.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(petitioner));
        var done = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var bureau = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == "330106XFJ").Select(o => o.Id).SingleAsync());

        var stats = await registrar.GetFromJsonAsync<StatisticsResult>($"/api/statistics?organization={bureau}&from={Today.Year}-01-01&to={Today.Year}-12-31", XinfangApp.Json);
        Assert.Equal(1, stats!.Total.Items);
        var progress = await petitioner.PostAsJsonAsync("/api/public/progress", new { number = done.GetProperty("number").GetString(), queryCode = done.GetProperty("queryCode").GetString() });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.False(app.Services.GetRequiredService<ReplicaContexts>().Usable);
    }

    /// <summary>Waits until the app's lag check has found the standby within its limit (once a second, in the background).</summary>
    private static async Task ReplicaInUseAsync(XinfangApp app)
    {
        var monitor = app.Services.GetRequiredService<ReplicaLagMonitor>();
        for (var i = 0; i < 300 && !monitor.ReadsFromReplica; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(monitor.ReadsFromReplica, $"the standby is not in use: {monitor.Status}");
    }

    private static async Task<bool> InRecoveryAsync(AppDbContext db) =>
        await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync();
}
