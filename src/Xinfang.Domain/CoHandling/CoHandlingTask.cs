using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.CoHandling;

/// <summary>Where a 协办 task stands.</summary>
public enum CoHandlingStatus
{
    /// <summary>协办中: named, no 办结 yet.</summary>
    Open,
    /// <summary>已办结: the 协办 unit marked its task done.</summary>
    Done,
    /// <summary>已撤回: the bureau took the task back.</summary>
    Withdrawn,
}

/// <summary>
/// 主办/协办 (issue 14): one 协办 unit's task on one item — a task text, a deadline, the unit's 意见 (feedback) and its
/// 办结. The item has one 主办 (lead) unit, the body that holds it and answers it: the 60-day handling period of
/// 条例 Art. 34 (自受理之日起60日内办结 — its extension too) and the 信访处理意见书 of Art. 32 belong to the lead unit
/// alone; a 协办 unit contributes, it never answers the petitioner. So a 协办 deadline is never later than the item's
/// answer deadline (<see cref="LatestDueOn"/>). An accusation is never given to the accused body or a body under it as
/// 协办 (Art. 30 ¶3, <see cref="AccusationRules"/>). Its own aggregate (ADR 0146): the item is not changed, except that
/// each step is written into its history.
/// </summary>
public sealed class CoHandlingTask
{
    public const int MaxTaskLength = 1000;

    public const int MaxFeedbackLength = 2000;

    public const int MaxReasonLength = 500;

    /// <summary>条例 Art. 34: 60 days from 受理 — the bound for a 协办 deadline while the lead unit's clock has not started.</summary>
    public const int HandlingDays = 60;

    private CoHandlingTask()
    {
        PetitionNumber = OrganizationName = LeadOrganizationName = Task = NamedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public string PetitionNumber { get; private set; }

    /// <summary>The 协办 unit.</summary>
    public Guid OrganizationId { get; private set; }

    public string OrganizationName { get; private set; }

    /// <summary>The 主办 unit when the task was named (the body holding the item then).</summary>
    public Guid LeadOrganizationId { get; private set; }

    public string LeadOrganizationName { get; private set; }

    public string Task { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>The bureau that named the task.</summary>
    public Guid NamedByOrganizationId { get; private set; }

    public string NamedBy { get; private set; }

    public DateTimeOffset NamedAt { get; private set; }

    public DateOnly NamedOn { get; private set; }

    public string? Feedback { get; private set; }

    public string? FeedbackBy { get; private set; }

    public DateTimeOffset? FeedbackAt { get; private set; }

    public DateOnly? DoneOn { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnBecause { get; private set; }

    /// <summary>Why the lead unit sends its answer for sign-off while this task is still open (recorded once, in the item's history too).</summary>
    public string? LeadProceedsBecause { get; private set; }

    /// <summary>The item's id while the task is open, null after 办结 or 撤回: unique with the unit, so one open task per unit and item.</summary>
    public Guid? ActiveKey { get; private set; }

    public int Version { get; private set; }

    public CoHandlingStatus Status => WithdrawnAt is not null ? CoHandlingStatus.Withdrawn : DoneOn is not null ? CoHandlingStatus.Done : CoHandlingStatus.Open;

    public bool IsOpen => Status == CoHandlingStatus.Open;

    /// <summary>Open past its deadline.</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueOn;

    /// <summary>Done by its deadline (null while open or withdrawn).</summary>
    public bool? DoneOnTime => DoneOn is { } d ? d <= DueOn : null;

    /// <summary>
    /// The latest day a 协办 deadline may fall on: the item's answer deadline — the earliest open clock of the lead unit's
    /// answer (the 60-day handling period of Art. 34 as extended, the assigning bureau's 办结报告 deadline of Art. 22(三), an
    /// urgent item's answer limit). Before the lead unit accepts, no clock runs yet; the 60 days of Art. 34 will run from a
    /// 受理 on or after today, so today + 60 days is never later than that answer deadline.
    /// </summary>
    public static DateOnly LatestDueOn(Petition petition, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var clocks = petition.Deadlines.Where(d => d.IsOpen && d.Kind is DeadlineKind.Handling or DeadlineKind.AssignedReport or DeadlineKind.UrgentAnswer)
            .Select(d => d.DueOn).ToList();
        return clocks.Count > 0 ? clocks.Min() : today.AddDays(HandlingDays);
    }

    /// <summary>Names a 协办 unit. <paramref name="alreadyOpen"/>: the unit has an open task on the item already.</summary>
    public static CoHandlingTask Name(Guid id, Petition petition, Guid unitId, string unitName, string leadName, IOrganizationTree tree, bool alreadyOpen,
        string task, DateOnly dueOn, Actor namedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(namedBy);
        var today = DeadlineTime.LocalDate(now);
        Require(!Lifecycle.IsTerminal(petition.State), "item-finished", "已终结的信访件不能安排协办");
        Require(unitId != petition.CurrentOrganizationId, "lead-as-co-handler", "主办单位不能同时作为协办单位", "organizationId");
        // 条例 Art. 30 ¶3: never to the accused body or a body under it.
        Require(!petition.IsKeptFrom(unitId, tree), "accusation-to-accused", AccusationRules.NotToAccused, "organizationId");
        Require(!alreadyOpen, "already-co-handling", "该单位已在协办此件，尚未办结");
        var text = RequireText(task, "task", "协办任务", MaxTaskLength);
        Require(dueOn >= today, "due-in-past", "协办期限不能早于今天", "dueOn");
        var latest = LatestDueOn(petition, today);
        // Art. 34: the 60-day period (and the answer) belongs to the lead unit; the 协办 unit answers to it first.
        Require(dueOn <= latest, "due-after-item", $"协办期限不能晚于信访件的办理期限（{latest:yyyy-MM-dd}）：60日办理期限属于主办单位（《信访工作条例》第三十四条）", "dueOn");
        var t = new CoHandlingTask
        {
            Id = id,
            PetitionId = petition.Id,
            PetitionNumber = petition.Number,
            OrganizationId = unitId,
            OrganizationName = unitName,
            LeadOrganizationId = petition.CurrentOrganizationId,
            LeadOrganizationName = leadName,
            Task = text,
            DueOn = dueOn,
            NamedByOrganizationId = namedBy.OrganizationId,
            NamedBy = namedBy.Name,
            NamedAt = now,
            NamedOn = today,
            ActiveKey = petition.Id,
        };
        petition.RecordCoHandling($"确定协办单位：{unitName}（主办单位：{leadName}），{dueOn:yyyy-MM-dd}前反馈协办意见", namedBy, now);
        return t;
    }

    /// <summary>The 协办 unit's 意见; recorded again to amend it, until the task is done.</summary>
    public void RecordFeedback(Petition petition, string feedback, Actor actor, DateTimeOffset now)
    {
        RequireOf(petition);
        Require(IsOpen, "task-closed", "协办任务已办结或已撤回");
        Feedback = RequireText(feedback, "feedback", "协办意见", MaxFeedbackLength);
        FeedbackBy = actor.Name;
        FeedbackAt = now;
        Version++;
        petition.RecordCoHandling($"{OrganizationName}反馈协办意见", actor, now);
    }

    /// <summary>办结: the 协办 unit marks its task done — only with its 意见 recorded (the lead unit answers on it).</summary>
    public void MarkDone(Petition petition, Actor actor, DateTimeOffset now)
    {
        RequireOf(petition);
        Require(IsOpen, "task-closed", "协办任务已办结或已撤回");
        Require(Feedback is not null, "no-feedback", "请先反馈协办意见再办结", "feedback");
        DoneOn = DeadlineTime.LocalDate(now);
        ActiveKey = null;
        Version++;
        petition.RecordCoHandling($"{OrganizationName}协办办结" + (DoneOnTime == false ? $"（逾期，协办期限{DueOn:yyyy-MM-dd}）" : string.Empty), actor, now);
    }

    /// <summary>撤回: the bureau takes an open task back, with the reason.</summary>
    public void Withdraw(Petition petition, string reason, Actor actor, DateTimeOffset now)
    {
        RequireOf(petition);
        Require(IsOpen, "task-closed", "协办任务已办结或已撤回");
        WithdrawnBecause = RequireText(reason, "reason", "撤回理由", MaxReasonLength);
        WithdrawnAt = now;
        ActiveKey = null;
        Version++;
        petition.RecordCoHandling($"撤回{OrganizationName}的协办任务：{WithdrawnBecause}", actor, now);
    }

    /// <summary>The lead unit records why it sends its answer for sign-off before this 协办 task is done (once per task).</summary>
    public void LeadProceeds(Petition petition, string reason, Actor actor, DateTimeOffset now)
    {
        RequireOf(petition);
        Require(IsOpen, "task-closed", "协办任务已办结或已撤回");
        Require(LeadProceedsBecause is null, "already-recorded", "已记录不待该单位协办意见的理由");
        LeadProceedsBecause = RequireText(reason, "reason", "理由", MaxReasonLength);
        Version++;
        petition.RecordCoHandling($"主办单位未待{OrganizationName}协办意见即报送处理意见：{LeadProceedsBecause}", actor, now);
    }

    /// <summary>
    /// The lead unit answers (Art. 32, 34) on the 协办 units' 意见: its 处理意见 goes to sign-off (or is issued) only when no open task
    /// holds it — each done, withdrawn, or the lead unit recorded why it answers first (<see cref="LeadProceeds"/>). The documented choice
    /// of ADR 0146 rather than a setting: the reason is kept in the item's history, so the answer never silently passes over a 协办 unit.
    /// </summary>
    public static void RequireNoneHolding(IReadOnlyCollection<string> holdingUnits)
    {
        ArgumentNullException.ThrowIfNull(holdingUnits);
        Require(holdingUnits.Count == 0, "co-handling-open",
            $"尚有协办单位未办结协办任务（{string.Join("、", holdingUnits)}）：请待其反馈协办意见并办结，或在“协办”栏记录不待协办意见的理由");
    }

    /// <summary>Whether an open task keeps the lead unit's answer from going to sign-off (no reason recorded for it).</summary>
    public bool HoldsTheAnswer => IsOpen && LeadProceedsBecause is null;

    private void RequireOf(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (petition.Id != PetitionId)
        {
            throw new ArgumentException("The task belongs to another item.", nameof(petition));
        }
    }

    private static string RequireText(string? text, string field, string label, int max)
    {
        Require(!string.IsNullOrWhiteSpace(text), "text-missing", $"请填写{label}", field);
        var t = text!.Trim();
        Require(t.Length <= max, "text-too-long", $"{label}不能超过{max}个字", field);
        return t;
    }

    private static void Require(bool ok, string code, string message, string? field = null)
    {
        if (!ok)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}
