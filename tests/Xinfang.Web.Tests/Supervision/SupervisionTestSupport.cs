using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>Moves the fake clock to a Beijing day and sweeps, as the hosted loop would.</summary>
internal static class SupervisionTestSupport
{
    public const string Registrar = "demo.xihu.registrar";
    public const string Supervisor = "demo.xihu.supervisor";
    public const string Handler = "demo.xihu.zjj.handler";
    public const string UnitHead = "demo.xihu.zjj.head";

    public static DateOnly Today(this XinfangApp app) => DeadlineTime.LocalDate(app.Clock.GetUtcNow());

    /// <summary>Moves the clock forward to <paramref name="day"/> at <paramref name="hour"/>:00 Beijing time.</summary>
    public static void GoTo(this XinfangApp app, DateOnly day, int hour = 9)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), DeadlineTime.Offset);
        var now = app.Clock.GetUtcNow();
        Assert.True(target >= now, $"the clock only moves forward: {now} → {target}");
        app.Advance(target - now);
    }

    public static DeadlineSweeper Sweeper(this XinfangApp app) => app.Services.GetRequiredService<DeadlineSweeper>();

    public static Task<SweepResult> SweepAsync(this XinfangApp app) => app.Sweeper().SweepOnceAsync(app.Clock.GetUtcNow(), CancellationToken.None);

    /// <summary>Registered by the Xihu bureau, forwarded to its housing bureau, accepted and under investigation: the 60-day handling clock runs.</summary>
    public static async Task<(Guid Id, JsonNode Handling)> HandlingItemAsync(this XinfangApp app, string title = "小区物业乱收停车费")
    {
        var registrar = await app.StaffAsync(Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(title));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await app.StaffAsync(Handler);
        await handler.ActAsync(id, "notify-receipt", new { routeAndProcedure = "调查核实后出具处理意见书" });
        await handler.ActAsync(id, "accept");
        var handling = await handler.ActAsync(id, "route", new { route = "Investigate" });
        var clock = handling["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "Handling" && d["metOn"] is null)!;
        return (id, clock);
    }

    public static DateOnly Date(this JsonNode node, string property) => DateOnly.Parse(node[property]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first day on which the default policy gives <paramref name="level"/> for a clock.</summary>
    public static DateOnly FirstDay(DateOnly start, DateOnly due, DeadlineWarning level)
    {
        for (var day = start; ; day = day.AddDays(1))
        {
            if (Domain.Supervision.DeadlineWarningPolicy.Default.Evaluate(start, due, day) == level)
            {
                return day;
            }
        }
    }

    public static Task<List<(string Kind, DateOnly DueOn, string Level)>> WarningsAsync(this XinfangApp app, Guid petitionId) =>
        app.WithDbAsync(async db => (await db.Set<DeadlineWarningRecord>().AsNoTracking().Where(w => w.PetitionId == petitionId).ToListAsync())
            .OrderBy(w => w.Level).Select(w => (w.Kind.ToString(), w.DueOn, w.Level.ToString())).ToList());

    public static JsonNode? Row(this JsonNode list, Guid petitionId) =>
        list.AsArray().SingleOrDefault(r => r!["petitionId"]!.GetValue<Guid>() == petitionId);
}
