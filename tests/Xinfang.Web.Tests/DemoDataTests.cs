using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// The README's first command seeds 300 demo petitions through the real domain rules. A rule that
/// tightens (no closing while a 复查 window runs, Art. 35; 不再受理 only with a re-reviewed 初件, Art. 36 ¶3)
/// must not break that start on any day: the stories are driven from "now".
/// </summary>
public sealed class DemoDataTests
{
    [Theory]
    [InlineData("2026-03-10T09:00:00+08:00")]
    [InlineData("2026-12-06T09:00:00+08:00")]
    [InlineData("2027-01-02T23:30:00+08:00")]
    public async Task The_demo_start_seeds_300_petitions_in_every_state_on_any_day(string now)
    {
        await using var app = new XinfangApp(Provider.Sqlite, demoPetitions: 300, start: DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        using var client = app.CreateClient();
        var states = await app.WithDbAsync(db => db.PetitionsAcrossDeployment.AsNoTracking().GroupBy(p => p.State).Select(g => g.Key).ToListAsync());
        var count = await app.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync());

        Assert.Equal(300, count);
        foreach (var state in new[] { PetitionState.Registered, PetitionState.Served, PetitionState.ReReviewOpinionServed, PetitionState.RefusedAgain, PetitionState.Closed })
        {
            Assert.Contains(state, states);
        }
    }
}
