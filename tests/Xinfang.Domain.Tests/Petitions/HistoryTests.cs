using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>The history is append-only and sequenced; the version counts every action.</summary>
public sealed class HistoryTests
{
    [Fact]
    public void A_full_journey_leaves_one_sequenced_line_per_action_and_a_version_per_action()
    {
        var s = Scenario.New().Register();
        var p = s.Petition;
        var versions = new List<int> { p.Version };
        var kept = new List<HistoryEntry>(p.History);

        foreach (var step in new Func<Scenario>[]
        {
            () => s.Assign(), () => s.Accept(), () => s.ChooseRoute(), () => s.Decide(), () => s.Serve(),
            () => s.RequestReview(), () => s.IssueReviewOpinion(), () => s.RequestReReview(), () => s.IssueReReviewOpinion(), () => s.Close(),
        })
        {
            step();
            versions.Add(p.Version);
            // Earlier lines are never rewritten or removed.
            Assert.Equal(kept, p.History.Take(kept.Count));
            kept = [.. p.History];
        }

        Assert.Equal(Enumerable.Range(0, 11), versions);
        Assert.Equal(Enumerable.Range(1, 11), p.History.Select(h => h.Sequence));
        Assert.Equal(
            ["Register", "Assign", "Accept", "ChooseRoute", "Decide", "Serve", "RequestReview", "IssueReviewOpinion", "RequestReReview", "IssueReReviewOpinion", "Close"],
            p.History.Select(h => h.Action));
        for (var i = 1; i < p.History.Count; i++)
        {
            Assert.Equal(p.History[i - 1].ToState, p.History[i].FromState);
            Assert.True(p.History[i].At > p.History[i - 1].At);
        }

        Assert.Equal(
            ["王登记", "李科长", "张经办", "张经办", "张经办", "张经办", "信访人", "陈复查", "信访人", "赵复核", "李科长"],
            p.History.Select(h => h.ActorName));
        Assert.Equal(PetitionState.Closed, p.History[^1].ToState);
        Assert.All(p.History.Where(h => h.DocumentId is not null), h => Assert.Contains(p.Documents, d => d.Id == h.DocumentId));
    }

    [Fact]
    public void A_refused_action_leaves_no_trace()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var p = s.Petition;
        var before = p.History.ToList();

        Expect.Refused("deadline.extension-too-long", p, () => p.Extend(45, "局长", "复杂", s.UnitOfficer, s.Now));

        Assert.Equal(before, p.History);
        Assert.Empty(p.Extensions);
    }

    [Fact]
    public void Each_history_line_carries_the_instant_the_action_was_taken()
    {
        var s = Scenario.New().Register().Forward();

        Assert.Equal(Scenario.DefaultStart, s.Petition.History[0].At);
        Assert.Equal(Scenario.DefaultStart.AddDays(1), s.Petition.History[1].At);
        Assert.Equal(s.CityBureau.Id, s.Petition.History[1].OrganizationId);
    }
}
