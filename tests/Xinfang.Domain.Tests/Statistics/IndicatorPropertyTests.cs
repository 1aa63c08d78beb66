using CsCheck;
using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using static Xinfang.Domain.Tests.Statistics.StatisticsWorld;

namespace Xinfang.Domain.Tests.Statistics;

/// <summary>
/// Issue 12's property: for random histories, every indicator computed from the facts by the rules equals the
/// one recomputed from the raw items (their history lines, documents and clocks) by <see cref="Simple"/>, a
/// deliberately plain second implementation that never looks at <see cref="ItemFacts"/>.
/// </summary>
public sealed class IndicatorPropertyTests
{
    /// <summary>One item's random life: when it came, its form, how far it goes, the gaps between steps and the choices made.</summary>
    public sealed record Script(int ReceivedDay, PetitionForm Form, bool Litigation, int RepeatOf, int Depth, int[] Gaps, bool SecondUnit, int Route, int Rating, int Resolution, bool Decline);

    private static readonly Gen<Script> GenScript =
        Gen.Select(Gen.Int[0, 150], Gen.Enum<PetitionForm>(), Gen.Int[0, 9].Select(x => x == 0), Gen.Int[-8, 5], Gen.Int[0, 14], Gen.Int[0, 40].Array[10])
            .Select(Gen.Bool, Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 7].Select(x => x == 0),
                (a, secondUnit, route, rating, resolution, decline) => new Script(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, secondUnit, route, rating, resolution, decline));

    [Fact]
    public void Indicators_from_the_facts_equal_those_recomputed_from_the_raw_history() =>
        Gen.Select(GenScript.Array[1, 25], Gen.Int[0, 150], Gen.Int[0, 120], Gen.Int[0, 60])
            .Sample((scripts, from, length, after) =>
            {
                var w = Play(scripts);
                var start = new DateOnly(2026, 1, 1);
                var period = new StatisticsPeriod(start.AddDays(from), start.AddDays(from + length), start.AddDays(from + length + after));
                var facts = w.Facts();
                var all = w.Subtree(w.Province);
                foreach (var rule in IndicatorRules.Indicators(period, StatisticsSettings.Default))
                {
                    var expected = Simple.Figure(w.Items, rule.Code, rule.Side, period);
                    var actual = InMemory.Figure(facts, all, period, rule.Code, rule.Side);
                    if (expected != actual)
                    {
                        throw new InvalidOperationException($"{rule.Code}/{rule.Side}: facts {actual}, history {expected}");
                    }
                }

                foreach (var count in IndicatorRules.Counts(period))
                {
                    var expected = Simple.Count(w.Items, count.Code, period);
                    var actual = InMemory.Count(facts, all, period, count.Code);
                    if (expected != actual)
                    {
                        throw new InvalidOperationException($"{count.Code}: facts {actual}, history {expected}");
                    }
                }
            }, iter: 200);

    /// <summary>Plays the scripts in the world: each step on its day; a step the rules refuse ends that item's script.</summary>
    public static StatisticsWorld Play(IReadOnlyList<Script> scripts)
    {
        var w = new StatisticsWorld();
        var start = new DateOnly(2026, 1, 1);
        // Items in order of receipt, so that a 重件 names an earlier item.
        foreach (var s in scripts.OrderBy(s => s.ReceivedDay))
        {
            var received = start.AddDays(s.ReceivedDay);
            Guid? first = s.RepeatOf >= 0 && s.RepeatOf < w.Items.Count ? w.Items[s.RepeatOf].Id : null;
            var visit = s.Form == PetitionForm.Visit;
            // stats-reviews: Gaps[9] (no gap uses it) picks a visit's destination, the review outcomes and whether a
            // 化解情况 is recorded after closing.
            var extra = s.Gaps[9];
            SkipLevelDestination? destination = visit ? (extra % 3) switch { 1 => SkipLevelDestination.Province, 2 => SkipLevelDestination.Capital, _ => null } : null;
            ReviewOutcome? OutcomeOf(int x) => x % 4 == 3 ? null : (ReviewOutcome)(x % 4);
            var p = w.Register(received, s.Form, s.Litigation && !visit, first, collective: visit && s.SecondUnit, headCount: 1 + s.Rating, batches: visit ? 1 + s.Route : 1, skippedLevel: visit && s.Decline, destination: destination);
            var day = received;
            var unit = s.SecondUnit ? w.Labour : w.Housing;
            var officer = w.OfficerOf(unit);
            DateOnly Next(int i) => day = day.AddDays(s.Gaps[i]);
            var steps = new List<Action>
            {
                () =>
                {
                    if (s.Decline)
                    {
                        p.Decline(DeclineRule.NotCompetent, "不属于本机关", "向法院起诉", w.BureauOfficer, At(Next(0)));
                    }
                    else
                    {
                        w.Forward(p, unit, Next(0));
                    }
                },
                () => p.NotifyReceipt("调查核实", false, officer, At(Next(1))),
                () => p.Accept(officer, At(Next(2))),
                () => p.ChooseRoute(s.Route switch { 0 => HandlingRoute.Investigate, 1 => HandlingRoute.PerformDuty, _ => HandlingRoute.LitigationProcedure },
                    s.Route >= 2 ? "请向人民法院起诉" : null, officer, At(Next(3))),
                () =>
                {
                    var on = Next(4);
                    if (p.Route == HandlingRoute.Investigate)
                    {
                        p.Decide(DecisionOutcome.Support, "发放补贴", "符合条件", "予以发放", "《办法》第十二条", officer, At(on));
                    }
                    else
                    {
                        p.Decide(DecisionOutcome.DutyPerformed, "发放补贴", "符合条件", "已发放", null, officer, At(on));
                    }
                },
                () => p.Serve(ServiceMethod.InPerson, Next(5), true, null, officer, At(day)),
                () =>
                {
                    if (s.Rating > 0)
                    {
                        var level = (Satisfaction)(s.Rating - 1);
                        w.Rate(p, Next(6), s.Rating == 2 ? null : level, level);
                    }
                },
                () =>
                {
                    if (s.Resolution == 3)
                    {
                        p.RequestReview(w.Government, w.Tree, "不服", Actor.Petitioner(w.Bureau.Id), At(Next(7)));
                    }
                },
                // stats-reviews: the 复查 opinion with an outcome (or none), a 复核 and its opinion.
                () => p.IssueReviewOpinion("复查意见", Next(9), w.ReviewOfficer, At(day), outcome: OutcomeOf(extra / 3)),
                () => p.RequestReReview(w.Province, w.Tree, "不服复查意见", Actor.Petitioner(w.Bureau.Id), At(Next(1))),
                () => p.IssueReReviewOpinion("复核意见", Next(2), false, w.ReReviewOfficer, At(day), outcome: OutcomeOf(extra / 12)),
                () => w.Close(p, Next(8).AddDays(30), s.Resolution < 3 ? (Resolution)s.Resolution : null),
                // stats-reviews: the sweeper closes what a lapsed window leaves, and the 化解情况 may come afterwards.
                () =>
                {
                    var later = Next(3).AddDays(31);
                    if (p.State != PetitionState.Closed)
                    {
                        p.CloseIfWindowLapsed(new Actor("system", "系统（期限届满）", p.CurrentOrganizationId), At(later));
                    }

                    if (extra % 2 == 0 && p.State == PetitionState.Closed && p.Resolution is null)
                    {
                        p.RecordResolutionAfterClosing((Resolution)(extra % 3), "补记", w.BureauOfficer, At(later.AddDays(1)));
                    }
                },
            };
            foreach (var step in steps.Take(s.Depth))
            {
                try
                {
                    step();
                }
                catch (DomainRuleViolation)
                {
                    break;
                }
            }
        }

        return w;
    }

    /// <summary>The second implementation: plain loops over the items' history lines and clocks.</summary>
    private static class Simple
    {
        private static bool In(DateOnly? day, StatisticsPeriod p) => day is { } d && d >= p.From && d <= p.To;

        private static DateOnly? FirstStep(Petition p, params PetitionAction[] actions)
        {
            foreach (var h in p.History)
            {
                if (h.FromState != h.ToState && actions.Any(a => a.ToString() == h.Action))
                {
                    return h.OccurredOn;
                }
            }

            return null;
        }

        private static DateOnly? ClosedOn(Petition p)
        {
            if (p.State != PetitionState.Closed)
            {
                return null;
            }

            DateOnly? closed = null;
            foreach (var h in p.History)
            {
                if (h.ToState == PetitionState.Closed && h.FromState != PetitionState.Closed)
                {
                    closed = h.OccurredOn;
                }
            }

            return closed;
        }

        private static Guid? Unit(Petition p) =>
            p.HandlingOrganizationId ?? (p.DispatchingOrganizationId is not null && p.CurrentOrganizationId != p.DispatchingOrganizationId ? p.CurrentOrganizationId : null);

        public static (long, long) Figure(List<Petition> items, string code, StatisticsSide side, StatisticsPeriod period)
        {
            long above = 0, below = 0;
            foreach (var p in items.Where(p => !p.LitigationRelated))
            {
                if (side == StatisticsSide.Unit && Unit(p) is null)
                {
                    continue;
                }

                var (inBelow, inAbove, add) = code switch
                {
                    StatisticsCodes.TimelyAcceptance when side == StatisticsSide.Bureau => Timely(p, period),
                    StatisticsCodes.TimelyAcceptance => Notice(p, period),
                    StatisticsCodes.OnTimeClosure => OnTime(p, period),
                    StatisticsCodes.Participation => Participation(p, side, period),
                    StatisticsCodes.Satisfaction => Satisfied(side == StatisticsSide.Bureau ? p.BureauRating : p.UnitRating, p, period),
                    StatisticsCodes.Repeat => (In(p.ReceivedOn, period), p.FirstItemId is not null, 0),
                    StatisticsCodes.OnlineShare => (In(p.ReceivedOn, period), p.Form == PetitionForm.Online, 0),
                    StatisticsCodes.AverageDays => (In(p.ServedOn, period), true, p.ServedOn is { } s ? s.DayNumber - p.ReceivedOn.DayNumber : 0),
                    StatisticsCodes.FirstTimeClosure => (p.FirstItemId is null && In(ClosedOn(p), period),
                        !p.History.Any(h => h.ToState is PetitionState.UnderReview or PetitionState.UnderReReview) && !items.Any(q => q.FirstItemId == p.Id), 0),
                    StatisticsCodes.Resolution => (In(ClosedOn(p), period) && p.Resolution is not null, p.Resolution == Resolution.Resolved, 0),
                    _ => throw new InvalidOperationException(code),
                };
                if (inBelow)
                {
                    below++;
                    above += code == StatisticsCodes.AverageDays ? add : inAbove ? 1 : 0;
                }
            }

            return (above, below);
        }

        // The bureau's first disposition: the first step that sends, answers or refuses the item, against the first window.
        private static (bool, bool, int) Timely(Petition p, StatisticsPeriod period)
        {
            var window = p.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.BureauDisposition);
            if (window is null || window.Cancelled || !In(window.DueOn, period))
            {
                return (false, false, 0);
            }

            var done = FirstStep(p, PetitionAction.Forward, PetitionAction.Assign, PetitionAction.AnswerDirectly, PetitionAction.Decline, PetitionAction.RefuseAgain, PetitionAction.GuideToPoliticalLegal);
            return (done is not null || window.DueOn < period.Today, done <= window.DueOn, 0);
        }

        // The unit's notice of receipt: NotifiedOn against the last notice window that was not withdrawn.
        private static (bool, bool, int) Notice(Petition p, StatisticsPeriod period)
        {
            var window = p.Deadlines.LastOrDefault(d => d.Kind == DeadlineKind.NoticeOfReceipt && !d.Cancelled);
            if (window is null || !In(window.DueOn, period))
            {
                return (false, false, 0);
            }

            var met = window.MetOn;
            return (met is not null || window.DueOn < period.Today, met <= window.DueOn, 0);
        }

        // Handling: the reply served (送达) against the handling period's last day.
        private static (bool, bool, int) OnTime(Petition p, StatisticsPeriod period)
        {
            var window = p.Deadlines.LastOrDefault(d => d.Kind == DeadlineKind.Handling && !d.Cancelled);
            return window is null || !In(window.DueOn, period) ? (false, false, 0) : (true, p.ServedOn <= window.DueOn, 0);
        }

        private static (bool, bool, int) Participation(Petition p, StatisticsSide side, StatisticsPeriod period)
        {
            if (side == StatisticsSide.Bureau && p.DispatchingOrganizationId is null)
            {
                return (false, false, 0);
            }

            var rating = side == StatisticsSide.Bureau ? p.BureauRating : p.UnitRating;
            if (rating is not null)
            {
                return (In(p.RatedOn, period), true, 0);
            }

            var window = p.Deadlines.LastOrDefault(d => d.Kind == DeadlineKind.Rating);
            var lapsed = p.EvaluationStatusOn(period.Today) == EvaluationStatus.Lapsed
                || (p.EvaluationStatusOn(period.Today) == EvaluationStatus.Rated && window is not null && window.DueOn < period.Today);
            return (lapsed && window is not null && In(window.DueOn, period), false, 0);
        }

        private static (bool, bool, int) Satisfied(Satisfaction? rating, Petition p, StatisticsPeriod period) =>
            (rating is not null && In(p.RatedOn, period), rating is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied, 0);

        private static bool Opinion(Petition p, PetitionAction action, StatisticsPeriod period) =>
            In(p.History.FirstOrDefault(h => h.Action == action.ToString())?.OccurredOn, period);

        public static long Count(List<Petition> items, string code, StatisticsPeriod period) => items.Count(p => code switch
        {
            StatisticsCodes.Forwarded => In(FirstStep(p, PetitionAction.Forward), period),
            StatisticsCodes.Assigned => In(FirstStep(p, PetitionAction.Assign), period),
            StatisticsCodes.NotTakenUp => In(FirstStep(p, PetitionAction.Decline), period),
            StatisticsCodes.NotTakenUpAgain => In(FirstStep(p, PetitionAction.RefuseAgain), period),
            StatisticsCodes.Collective => p.Collective && p.Form == PetitionForm.Visit && In(p.ReceivedOn, period),
            StatisticsCodes.SkipLevel => p.SkippedLevel && In(p.ReceivedOn, period),
            StatisticsCodes.Reviews => In(p.History.FirstOrDefault(h => h.ToState == PetitionState.UnderReview)?.OccurredOn, period),
            StatisticsCodes.ReReviews => In(p.History.FirstOrDefault(h => h.ToState == PetitionState.UnderReReview)?.OccurredOn, period),
            StatisticsCodes.ResolutionUnrecorded => In(ClosedOn(p), period) && p.Resolution is null,
            // stats-reviews: the outcome of the opinion whose history line is in the period; the destination of an item received in it.
            StatisticsCodes.ReviewsUpheld => Opinion(p, PetitionAction.IssueReviewOpinion, period) && p.ReviewOutcome == ReviewOutcome.Upheld,
            StatisticsCodes.ReviewsRevoked => Opinion(p, PetitionAction.IssueReviewOpinion, period) && p.ReviewOutcome == ReviewOutcome.Revoked,
            StatisticsCodes.ReviewsChanged => Opinion(p, PetitionAction.IssueReviewOpinion, period) && p.ReviewOutcome == ReviewOutcome.Changed,
            StatisticsCodes.ReReviewsUpheld => Opinion(p, PetitionAction.IssueReReviewOpinion, period) && p.ReReviewOutcome == ReviewOutcome.Upheld,
            StatisticsCodes.ReReviewsRevoked => Opinion(p, PetitionAction.IssueReReviewOpinion, period) && p.ReReviewOutcome == ReviewOutcome.Revoked,
            StatisticsCodes.ReReviewsChanged => Opinion(p, PetitionAction.IssueReReviewOpinion, period) && p.ReReviewOutcome == ReviewOutcome.Changed,
            StatisticsCodes.SkipLevelToCapital => p.SkipLevelDestination == SkipLevelDestination.Capital && In(p.ReceivedOn, period),
            StatisticsCodes.SkipLevelToProvince => p.SkipLevelDestination == SkipLevelDestination.Province && In(p.ReceivedOn, period),
            _ => throw new InvalidOperationException(code),
        });
    }
}
