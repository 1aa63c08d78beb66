using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Statistics;

/// <summary>
/// 统计事实: one flat row per item with every fact an indicator asks (docs/domain/statistics.md). Built
/// from the item alone (<see cref="Of"/>) each time the item is saved, so the indicators are counts over
/// indexed columns and never replay histories. Dates are local (Beijing) days; a null date means the
/// step did not happen (or its clock fell away).
/// </summary>
public sealed class ItemFacts
{
    public Guid PetitionId { get; set; }

    /// <summary>The item's <see cref="Petition.Version"/> the row was built from: the consistency check compares it.</summary>
    public int Version { get; set; }

    public Guid RegisteringOrganizationId { get; set; }

    /// <summary>Registered by a petition bureau (信访部门): the bureau's side of the figures.</summary>
    public bool RegisteredByBureau { get; set; }

    /// <summary>
    /// 责任单位: the body that handled the matter (受理/直接答复), or, before that, the body it was
    /// forwarded or assigned to while it lies there. Moved between units, the item counts for the last.
    /// </summary>
    public Guid? UnitOrganizationId { get; set; }

    /// <summary>层级: the registering body's level.</summary>
    public OrganizationLevel Level { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public PetitionForm Form { get; set; }

    public PetitionPurpose Purpose { get; set; }

    public PetitionCategory Category { get; set; }

    public string? ContentClass { get; set; }

    /// <summary>问题属地 as registered (a division code).</summary>
    public string? IssueLocation { get; set; }

    /// <summary>人次.</summary>
    public int Persons { get; set; }

    /// <summary>批次: a visit's batches; every other form is one.</summary>
    public int Batches { get; set; }

    public bool Collective { get; set; }

    public bool SkippedLevel { get; set; }

    public bool LitigationRelated { get; set; }

    /// <summary>重件: the 初件 it repeats; null for a first-time item.</summary>
    public Guid? FirstItemId { get; set; }

    public DateOnly? ForwardedOn { get; set; }

    public DateOnly? AssignedOn { get; set; }

    public DateOnly? DeclinedOn { get; set; }

    public DateOnly? RefusedAgainOn { get; set; }

    /// <summary>The bureau's first disposition window (条例 Art. 22): its last day and the day it was met.</summary>
    public DateOnly? DispositionDueOn { get; set; }

    public DateOnly? DispositionMetOn { get; set; }

    /// <summary>The handling body's acceptance window (告知, 条例 Art. 23 ¶2–3), the last one that ran.</summary>
    public DateOnly? AcceptanceDueOn { get; set; }

    public DateOnly? AcceptanceMetOn { get; set; }

    /// <summary>The handling period (条例 Art. 34, with extensions): the last handling clock.</summary>
    public DateOnly? HandlingDueOn { get; set; }

    public DateOnly? HandlingMetOn { get; set; }

    /// <summary>The reply reached the petitioner (送达).</summary>
    public DateOnly? RepliedOn { get; set; }

    /// <summary>Days from receipt to the reply, in calendar days and in the jurisdiction's working days.</summary>
    public int? ReplyCalendarDays { get; set; }

    public int? ReplyWorkingDays { get; set; }

    /// <summary>Takes part in evaluation (domain.md §8, <see cref="EvaluationRules.TakesPart"/>).</summary>
    public bool TakesPart { get; set; }

    /// <summary>The bureau is rated separately only when it dispatched the item (domain.md §8).</summary>
    public bool BureauIsRated { get; set; }

    public DateOnly? RatingDueOn { get; set; }

    public DateOnly? RatedOn { get; set; }

    public Satisfaction? BureauRating { get; set; }

    public Satisfaction? UnitRating { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public ClosureReason? ClosedBecause { get; set; }

    public Resolution? Resolution { get; set; }

    public DateOnly? ReviewRequestedOn { get; set; }

    public DateOnly? ReReviewRequestedOn { get; set; }

    /// <summary>A later item names this one as its 初件 (it came back: not closed "at one go").</summary>
    public bool RepeatedLater { get; set; }

    public bool IsRepeat => FirstItemId is not null;

    // ── stats-reviews (issue 12): voided items, review outcomes, 进京/赴省访 ──

    /// <summary>
    /// 作废: a registration voided as a mistake. Voided items never count (issue 12): every figure's population
    /// (<see cref="IndicatorRules.Population"/>) leaves them out. Set from the item's state (已作废) in
    /// <see cref="Of"/>, and nothing else.
    /// </summary>
    public bool Voided { get; set; }

    /// <summary>The day the 复查意见 was served and its outcome (ADR 0084); null before one, or an outcome not recorded.</summary>
    public DateOnly? ReviewOpinionOn { get; set; }

    public ReviewOutcome? ReviewOutcome { get; set; }

    /// <summary>The day the 复核意见 was served and its outcome.</summary>
    public DateOnly? ReReviewOpinionOn { get; set; }

    public ReviewOutcome? ReReviewOutcome { get; set; }

    /// <summary>进京访 / 赴省访 (ADR 0085); null for any other item.</summary>
    public SkipLevelDestination? SkipLevelDestination { get; set; }

    // ── end stats-reviews ──

    /// <summary>
    /// The facts of <paramref name="p"/> now. <paramref name="registeringKind"/>: the kind of the registering body;
    /// <paramref name="repeatedLater"/>: whether another item names this one as its 初件.
    /// </summary>
    public static ItemFacts Of(Petition p, OrganizationKind registeringKind, bool repeatedLater)
    {
        ArgumentNullException.ThrowIfNull(p);
        // A row never depends on the order the collections were loaded in (a split query does not order
        // them): history by its sequence, clocks by the day they started.
        var clocks = p.Deadlines.OrderBy(d => d.StartedOn).ThenBy(d => d.DueOn).ThenBy(d => d.Cancelled).ToList();
        var disposition = clocks.FirstOrDefault(d => d.Kind == DeadlineKind.BureauDisposition && !d.Cancelled);
        var acceptance = clocks.LastOrDefault(d => d.Kind == DeadlineKind.NoticeOfReceipt && !d.Cancelled);
        var handling = clocks.LastOrDefault(d => d.Kind == DeadlineKind.Handling && !d.Cancelled);
        var rating = clocks.LastOrDefault(d => d.Kind == DeadlineKind.Rating);
        var history = p.History.OrderBy(h => h.Sequence).ToList();
        var closed = p.State == PetitionState.Closed ? history.LastOrDefault(h => h.ToState == PetitionState.Closed && h.FromState != PetitionState.Closed) : null;
        return new ItemFacts
        {
            PetitionId = p.Id,
            Version = p.Version,
            RegisteringOrganizationId = p.RegisteringOrganizationId,
            RegisteredByBureau = registeringKind is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting,
            UnitOrganizationId = UnitOf(p),
            Level = p.RegisteringLevel,
            ReceivedOn = p.ReceivedOn,
            Form = p.Form,
            Purpose = p.Purpose,
            Category = p.Category,
            ContentClass = string.IsNullOrWhiteSpace(p.ContentClassCode) ? null : p.ContentClassCode.Trim(),
            IssueLocation = string.IsNullOrWhiteSpace(p.IssueLocationCode) ? null : p.IssueLocationCode.Trim(),
            Persons = p.HeadCount,
            Batches = p.Form == PetitionForm.Visit ? p.VisitBatches : 1,
            Collective = p.Collective,
            SkippedLevel = p.SkippedLevel,
            LitigationRelated = p.LitigationRelated,
            FirstItemId = p.FirstItemId,
            ForwardedOn = FirstDay(history, PetitionAction.Forward),
            AssignedOn = FirstDay(history, PetitionAction.Assign),
            DeclinedOn = FirstDay(history, PetitionAction.Decline),
            RefusedAgainOn = FirstDay(history, PetitionAction.RefuseAgain),
            DispositionDueOn = disposition?.DueOn,
            DispositionMetOn = disposition?.MetOn,
            AcceptanceDueOn = acceptance?.DueOn,
            AcceptanceMetOn = acceptance?.MetOn,
            HandlingDueOn = handling?.DueOn,
            HandlingMetOn = handling?.MetOn,
            RepliedOn = p.ServedOn,
            ReplyCalendarDays = p.ServedOn is { } s ? s.DayNumber - p.ReceivedOn.DayNumber : null,
            ReplyWorkingDays = p.ServedOn is { } w ? WorkingDaysBetween(p.Calendar, p.ReceivedOn, w) : null,
            TakesPart = EvaluationRules.TakesPart(p),
            BureauIsRated = p.DispatchingOrganizationId is not null,
            RatingDueOn = rating?.DueOn,
            RatedOn = p.RatedOn,
            BureauRating = p.BureauRating,
            UnitRating = p.UnitRating,
            ClosedOn = closed?.OccurredOn,
            ClosedBecause = p.State == PetitionState.Closed ? p.ClosedBecause : null,
            Resolution = p.State == PetitionState.Closed ? p.Resolution : null,
            ReviewRequestedOn = clocks.FirstOrDefault(d => d.Kind == DeadlineKind.ReviewOpinion)?.StartedOn,
            ReReviewRequestedOn = clocks.FirstOrDefault(d => d.Kind == DeadlineKind.ReReviewOpinion)?.StartedOn,
            RepeatedLater = repeatedLater,
            // ── stats-reviews ── / wb-workflow: a voided registration (已作废) counts nowhere (IndicatorRules.Population).
            Voided = p.State == PetitionState.Voided,
            ReviewOpinionOn = p.ReviewOpinionServedOn,
            ReviewOutcome = p.ReviewOutcome,
            ReReviewOpinionOn = p.ReReviewOpinionServedOn,
            ReReviewOutcome = p.ReReviewOutcome,
            SkipLevelDestination = p.SkipLevelDestination,
        };
    }

    /// <summary>Whether two rows say the same (the consistency check, ADR 0080).</summary>
    public bool SameAs(ItemFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return typeof(ItemFacts).GetProperties().Where(x => x.CanWrite).All(x => Equals(x.GetValue(this), x.GetValue(other)));
    }

    /// <summary>Copies every fact of <paramref name="source"/> onto this (tracked) row.</summary>
    public void CopyFrom(ItemFacts source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var x in typeof(ItemFacts).GetProperties().Where(x => x.CanWrite && x.Name != nameof(PetitionId)))
        {
            x.SetValue(this, x.GetValue(source));
        }
    }

    private static Guid? UnitOf(Petition p)
    {
        if (p.HandlingOrganizationId is { } handling)
        {
            return handling;
        }

        // Forwarded or assigned and not (yet) accepted: the unit it lies with. Back at the bureau after
        // an objection, it has no unit until it is sent on.
        return p.DispatchingOrganizationId is not null && p.CurrentOrganizationId != p.DispatchingOrganizationId && p.CurrentOrganizationId != p.RegisteringOrganizationId
            ? p.CurrentOrganizationId
            : null;
    }

    private static DateOnly? FirstDay(List<HistoryEntry> history, PetitionAction action) =>
        history.FirstOrDefault(h => h.Action == action.ToString() && h.FromState != h.ToState)?.OccurredOn;

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (day 0 not counted, as the clocks count).</summary>
    public static int WorkingDaysBetween(WorkingCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                n++;
            }
        }

        return n;
    }
}
