using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Tests.Deadlines;

public sealed class PolicyTests
{
    [Fact]
    public void National_values_are_those_of_the_2022_regulation()
    {
        var p = DeadlinePolicy.National;
        Assert.Equal(Period.Days(15), p.BureauDisposition);          // Art. 22
        Assert.Equal(Period.Days(15), p.NoticeOfReceipt);            // Art. 23 ¶2, ¶3
        Assert.Equal(Period.WorkingDays(5), p.ForwardObjection);     // Art. 23 ¶3
        Assert.Equal(Period.Days(60), p.Handling);                   // Art. 34
        Assert.Equal(30, p.MaxExtensionDays);                        // Art. 34
        Assert.Equal(Period.Days(30), p.ReviewRequestWindow);        // Art. 35
        Assert.Equal(Period.Days(30), p.ReviewOpinion);              // Art. 35
        Assert.Equal(Period.Days(30), p.ReReviewRequestWindow);      // Art. 36
        Assert.Equal(Period.Days(30), p.ReReviewOpinion);            // Art. 36
        Assert.False(p.RollForwardRestDay);                          // [P] provincial systems count plain days
        Assert.Equal("5个工作日", p.ForwardObjection.ToString());
        Assert.Equal("60日", p.Handling.ToString());
    }

    [Fact]
    public void No_override_is_the_national_policy() =>
        Assert.Equal(DeadlinePolicy.National, DeadlinePolicy.Resolve([]));

    [Fact]
    public void Overrides_apply_from_the_top_down_and_the_lowest_level_wins()
    {
        var province = new PolicyOverride("某省") { Handling = Period.Days(45), RollForwardRestDay = true, SupervisionFeedback = Period.Days(20) };
        var city = new PolicyOverride("某市") { Handling = Period.Days(40) };
        var county = new PolicyOverride("某县") { RollForwardRestDay = false, UrgentForwardHours = 2 };

        var resolved = DeadlinePolicy.Resolve([province, city, county]);

        Assert.Equal(Period.Days(40), resolved.Handling);              // city over province
        Assert.False(resolved.RollForwardRestDay);                     // county over province
        Assert.Equal(Period.Days(20), resolved.SupervisionFeedback);   // inherited from the province
        Assert.Equal(2, resolved.UrgentForwardHours);
        Assert.Equal(Period.Days(30), resolved.ReviewRequestWindow);   // national, untouched
    }

    [Fact]
    public void The_order_of_the_chain_matters()
    {
        var a = new PolicyOverride("上级") { Handling = Period.Days(45) };
        var b = new PolicyOverride("下级") { Handling = Period.Days(50) };
        Assert.Equal(Period.Days(50), DeadlinePolicy.Resolve([a, b]).Handling);
        Assert.Equal(Period.Days(45), DeadlinePolicy.Resolve([b, a]).Handling);
    }

    [Fact]
    public void Every_override_field_reaches_the_policy()
    {
        // A field added to PolicyOverride but forgotten in DeadlinePolicy.With fails here.
        var all = new PolicyOverride("全部")
        {
            BureauDisposition = Period.Days(11),
            SplitBureauDispositionByLevel = true,
            BureauDispositionNational = Period.Days(2),
            BureauDispositionProvince = Period.Days(3),
            BureauDispositionCity = Period.Days(4),
            BureauDispositionCounty = Period.Days(5),
            NoticeOfReceipt = Period.Days(12),
            ForwardObjection = Period.WorkingDays(3),
            Handling = Period.Days(45),
            MaxExtensionDays = 15,
            MaxExtensions = 2,
            ReviewRequestWindow = Period.Days(21),
            ReviewOpinion = Period.Days(22),
            ReReviewRequestWindow = Period.Days(23),
            ReReviewOpinion = Period.Days(24),
            SupervisionFeedback = Period.Days(25),
            RatingWindow = Period.Days(7),
            UrgentForwardHours = 2,
            UrgentAnswerHours = 24,
            RollForwardRestDay = true,
        };
        var p = DeadlinePolicy.National.With(all);
        Assert.Equal(
            new DeadlinePolicy
            {
                BureauDisposition = Period.Days(11),
                SplitBureauDispositionByLevel = true,
                BureauDispositionNational = Period.Days(2),
                BureauDispositionProvince = Period.Days(3),
                BureauDispositionCity = Period.Days(4),
                BureauDispositionCounty = Period.Days(5),
                NoticeOfReceipt = Period.Days(12),
                ForwardObjection = Period.WorkingDays(3),
                Handling = Period.Days(45),
                MaxExtensionDays = 15,
                MaxExtensions = 2,
                ReviewRequestWindow = Period.Days(21),
                ReviewOpinion = Period.Days(22),
                ReReviewRequestWindow = Period.Days(23),
                ReReviewOpinion = Period.Days(24),
                SupervisionFeedback = Period.Days(25),
                RatingWindow = Period.Days(7),
                UrgentForwardHours = 2,
                UrgentAnswerHours = 24,
                RollForwardRestDay = true,
            },
            p);
    }

    [Fact]
    public void Every_policy_value_can_be_overridden_by_a_jurisdiction()
    {
        var policyNames = typeof(DeadlinePolicy)
            .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Select(p => p.Name).Order();
        var overrideNames = typeof(PolicyOverride).GetProperties()
            .Select(p => p.Name).Where(n => n != nameof(PolicyOverride.Jurisdiction)).Order();
        Assert.Equal(policyNames, overrideNames);
    }

    [Fact]
    public void A_zero_or_negative_period_in_an_override_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DeadlinePolicy.Resolve([new PolicyOverride("某县") { Handling = Period.Days(0) }]));
        Assert.Contains("某县", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DeadlinePolicy.Resolve([new PolicyOverride("某县") { MaxExtensionDays = -1 }]));
    }

    [Fact]
    public void A_province_with_its_own_handling_period_changes_the_Art34_clock()
    {
        var policy = DeadlinePolicy.Resolve([new PolicyOverride("某省") { Handling = Period.Days(45) }]);
        var due = DeadlineComputation.Start(DeadlineClock.Handling, Calendars.D("2026-01-31"), Calendars.Official, policy).Due;
        Assert.Equal(Calendars.D("2026-03-17"), due.Date);
    }
}
