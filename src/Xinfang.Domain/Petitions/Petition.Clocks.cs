using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>The item's clocks: starting, meeting, replaying and recomputing deadlines, and the effective date of each step.</summary>
public sealed partial class Petition
{
    /// <summary>
    /// A working-day calendar or a jurisdiction policy changed: every open clock is computed again
    /// from its recipe (start, period, extensions, hearings). Records what moved, if anything.
    /// Granted extensions are facts: they are replayed even if today's policy would refuse them.
    /// </summary>
    public int Recompute(WorkingCalendar calendar, DeadlinePolicy policy, string reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        Calendar = calendar;
        Policy = policy;
        var replayPolicy = policy with { MaxExtensions = int.MaxValue, MaxExtensionDays = int.MaxValue };
        var moved = new List<string>();
        foreach (var d in _deadlines.Where(d => d.IsOpen && d.Hours is null && d.Kind != DeadlineKind.AssignedReport))
        {
            var before = d.DueOn;
            var provisional = d.Provisional;
            DueDate due;
            var period = PolicyPeriod(d.Kind, policy) ?? d.Period;
            try
            {
                due = Replay(d, replayPolicy, period).Due;
            }
            catch (DomainRuleViolation)
            {
                // An extension approved on a day that no longer lies within the recomputed period:
                // the approval stands, so the deadline keeps its present day.
                continue;
            }

            if (due.Date != before || due.Provisional != provisional)
            {
                d.Rebase(period);
                d.MoveTo(due);
                moved.Add($"{d.Kind} {before:yyyy-MM-dd}→{due.Date:yyyy-MM-dd}" + (due.Provisional ? "（暂按周一至周五计算）" : string.Empty));
            }
        }

        if (moved.Count > 0)
        {
            _history.Add(new HistoryEntry(_history.Count + 1, now, actor, "Recompute", State, State, $"因{reason}重算时限：{string.Join("；", moved)}", null, null));
            Version++;
            RefreshCurrentDeadline();
        }

        return moved.Count;
    }

    private void StartClock(DeadlineKind kind, DateOnly start, Period period, string startLabel) =>
        _deadlines.Add(new PetitionDeadline(kind, startLabel, start, period, DeadlineComputation.Start(startLabel, start, period, Calendar, Policy).Due));

    /// <summary>
    /// Urgent items [S, 泰宁 2020: forwarded within 2 hours, answered within 24]: hour limits from
    /// registration, when the jurisdiction sets them.
    /// </summary>
    private void StartUrgentClock(DateTimeOffset now)
    {
        if (!Urgent)
        {
            return;
        }

        if (Policy.UrgentForwardHours is { } forward && !_deadlines.Any(d => d.Kind == DeadlineKind.UrgentDisposition))
        {
            _deadlines.Add(new PetitionDeadline(DeadlineKind.UrgentDisposition, "登记", DeadlineTime.LocalDate(now), forward, DeadlineArithmetic.AddHours(now, forward)));
        }

        if (Policy.UrgentAnswerHours is { } answer && !_deadlines.Any(d => d.Kind == DeadlineKind.UrgentAnswer))
        {
            _deadlines.Add(new PetitionDeadline(DeadlineKind.UrgentAnswer, "登记", DeadlineTime.LocalDate(now), answer, DeadlineArithmetic.AddHours(now, answer)));
        }
    }

    /// <summary>A clock computed from its recipe: the Art. 34 extensions of handling, the Art. 36 ¶2 hearings of a 复核.</summary>
    private DeadlineComputation Replay(PetitionDeadline d, DeadlinePolicy policy, Period? period = null)
    {
        var c = DeadlineComputation.Start(d.StartLabel, d.StartedOn, period ?? d.Period, Calendar, policy);
        if (d.Kind == DeadlineKind.Handling)
        {
            foreach (var e in _extensions)
            {
                c = c.Extend(e.Days, e.ApprovedBy, e.Reason, e.ApprovedOn);
            }
        }

        if (d.Kind == DeadlineKind.ReReviewOpinion)
        {
            foreach (var h in _hearings)
            {
                c = c.Pause(h.From, h.To, "听证");
            }
        }

        return c;
    }

    private DueDate Compute(PetitionDeadline d, DeadlinePolicy policy) => Replay(d, policy).Due;

    /// <summary>
    /// 条例 Art. 22: 15 days; where the jurisdiction splits them by level [P, 2014 满意度办法: 国家5、省3、
    /// 市3、县4], the registering bureau's share.
    /// </summary>
    private Period DispositionPeriod(DeadlinePolicy policy) => policy.BureauDispositionAt(RegisteringLevel switch
    {
        OrganizationLevel.National => DispositionLevel.National,
        OrganizationLevel.Province => DispositionLevel.Province,
        OrganizationLevel.City => DispositionLevel.City,
        _ => DispositionLevel.County,
    });

    /// <summary>The jurisdiction's period for a clock; null for periods set case by case (a 交办 deadline, hour limits).</summary>
    private Period? PolicyPeriod(DeadlineKind kind, DeadlinePolicy policy) => kind switch
    {
        DeadlineKind.BureauDisposition => DispositionPeriod(policy),
        DeadlineKind.NoticeOfReceipt => policy.NoticeOfReceipt,
        DeadlineKind.ForwardObjection => policy.ForwardObjection,
        DeadlineKind.Handling => policy.Handling,
        DeadlineKind.ReviewRequest => policy.ReviewRequestWindow,
        DeadlineKind.ReviewOpinion => policy.ReviewOpinion,
        DeadlineKind.ReReviewRequest => policy.ReReviewRequestWindow,
        DeadlineKind.ReReviewOpinion => policy.ReReviewOpinion,
        DeadlineKind.Rating => policy.RatingWindow,
        _ => null,
    };

    private void MeetClocks(DateOnly on, params DeadlineKind[] kinds)
    {
        foreach (var d in _deadlines.Where(d => d.IsOpen && kinds.Contains(d.Kind)))
        {
            d.Meet(on);
        }
    }

    private void CancelClocks(params DeadlineKind[] kinds)
    {
        foreach (var d in _deadlines.Where(d => d.IsOpen && kinds.Contains(d.Kind)))
        {
            d.Cancel();
        }
    }

    /// <summary>The effective day of this step (<see cref="EffectiveDate"/>): not before the step it follows.</summary>
    private DateOnly On(DateOnly? occurredOn, DateTimeOffset now, string field = EffectiveDate.Field, string label = "发生日期")
    {
        var previous = PreviousStep();
        var name = previous is null ? null
            : previous.Action == "Register" ? "收到信访事项"
            : Enum.TryParse<PetitionAction>(previous.Action, out var a) ? Lifecycle.NameOf(a) : previous.Action;
        return EffectiveDate.Resolve(occurredOn, now, Policy, previous?.OccurredOn, name, field, label);
    }

    /// <summary>
    /// The step a new one follows: the last that moved the item (or registered it, or recorded the
    /// unit's receipt, an extension or a hearing). Side records (a report up, a notice, a rating, a
    /// recusal, a recomputation) do not order the main line.
    /// </summary>
    private HistoryEntry? PreviousStep() => _history.LastOrDefault(h =>
        h.FromState != h.ToState
        || h.Action is nameof(PetitionAction.RecordReceipt) or nameof(PetitionAction.Extend) or nameof(PetitionAction.RecordHearing));

    private void RefreshCurrentDeadline()
    {
        var current = CurrentDeadline;
        CurrentDueOn = current?.DueOn;
        CurrentDueAtUtc = current?.DueAtUtc;
    }
}
