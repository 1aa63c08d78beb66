using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Supervision;

/// <summary>Why a bureau supervises (督办) a unit on an item.</summary>
public enum SupervisionReason
{
    /// <summary>条例 Art. 40 ¶1: 违反信访工作规定受理信访事项 (cf. Art. 44).</summary>
    ImproperAcceptance = 0,
    /// <summary>条例 Art. 40 ¶1: 违反信访工作规定办理信访事项 (cf. Art. 45(四)).</summary>
    ImproperHandling = 1,
    /// <summary>条例 Art. 40 ¶1: 推诿 (cf. Art. 45(一)).</summary>
    Shirking = 2,
    /// <summary>条例 Art. 40 ¶1: 敷衍 (cf. Art. 45(一)).</summary>
    Perfunctory = 3,
    /// <summary>条例 Art. 40 ¶1: 拖延 (cf. Art. 45(一)).</summary>
    Delay = 4,
    /// <summary>条例 Art. 40 ¶1: 弄虚作假.</summary>
    Falsification = 5,
    /// <summary>条例 Art. 45(一): 未在规定期限内办结 — a deadline of the item has passed.</summary>
    MissedDeadline = 6,
    /// <summary>条例 Art. 40 ¶1: 拒不执行信访处理意见 (cf. Art. 42(四)).</summary>
    RefusingDecision = 7,
    /// <summary>条例 Art. 32 ¶2: a supported request (予以支持) is to be carried out; the bureau supervises its execution.</summary>
    ExecutionOfSupportedDecision = 8,
    /// <summary>domain.md §7 [S]: important items — 国家局交办件, 越级/赴省进京访, items leaders own.</summary>
    ImportantItem = 9,
}

/// <summary>The state of a 督办 notice.</summary>
public enum SupervisionStatus
{
    /// <summary>督办中: the unit has not answered in writing yet.</summary>
    Open = 0,
    /// <summary>已反馈: the unit's written feedback closed it.</summary>
    Answered = 1,
}

/// <summary>What the supervision module reads of an item (the Petition aggregate is not loaded for it).</summary>
/// <param name="Id">The petition's id.</param>
/// <param name="Number">The petition's number (信访件编号).</param>
/// <param name="State">Its state now.</param>
/// <param name="DecisionOutcome">The opinion of its 信访处理意见书, once decided.</param>
/// <param name="Overdue">Whether an open deadline of the item is past its last day today.</param>
public sealed record SupervisedItem(Guid Id, string Number, PetitionState State, DecisionOutcome? DecisionOutcome, bool Overdue);

/// <summary>
/// 督办通知: a petition bureau supervises the unit responsible for an item (条例 Art. 40 ¶1; Art. 32 ¶2
/// for the execution of a supported request). It carries its own feedback deadline (Art. 40 ¶4; 30
/// days by the 2005 条例 Art. 36 and local rules [P]); 催办 reminders are appended until the unit
/// answers in writing, and that written feedback closes it.
/// </summary>
public sealed class SupervisionNotice
{
    public const int MaxTextLength = 4_000;

    private readonly List<SupervisionReminder> _reminders = [];

    private SupervisionNotice()
    {
        Details = IssuedById = IssuedByName = FeedbackExplanation = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public string PetitionNumber { get; private set; } = string.Empty;

    public SupervisionReason Reason { get; private set; }

    /// <summary>What the bureau found and what it requires of the unit.</summary>
    public string Details { get; private set; }

    /// <summary>The supervising petition bureau.</summary>
    public Guid IssuedByOrganizationId { get; private set; }

    /// <summary>The unit supervised, which must answer in writing.</summary>
    public Guid AddressedToOrganizationId { get; private set; }

    public string IssuedById { get; private set; }

    public string IssuedByName { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>The last day for the written feedback (Beijing date).</summary>
    public DateOnly FeedbackDueOn { get; private set; }

    /// <summary>The end of <see cref="FeedbackDueOn"/> as a UTC instant, for the sweeper's query.</summary>
    public DateTime FeedbackDueAtUtc { get; private set; }

    /// <summary>How the feedback deadline was computed, e.g. "督办通知下发 2026-03-10 + 30日 = 2026-04-09".</summary>
    public string FeedbackExplanation { get; private set; }

    public SupervisionStatus Status { get; private set; }

    /// <summary>The unit's written feedback (书面反馈).</summary>
    public string? Feedback { get; private set; }

    public DateOnly? FeedbackOn { get; private set; }

    public string? FeedbackRecordedBy { get; private set; }

    /// <summary>Answered after the feedback deadline: visible for Art. 45 accountability.</summary>
    public bool AnsweredLate => FeedbackOn is { } on && on > FeedbackDueOn;

    public IReadOnlyList<SupervisionReminder> Reminders => _reminders;

    public int Version { get; private set; }

    public bool IsOpen => Status == SupervisionStatus.Open;

    /// <summary>Open and past its feedback deadline on <paramref name="today"/>.</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && today > FeedbackDueOn;

    /// <summary>
    /// 督办. The bureau raises it on an item, addressed to the unit, for a reason of Art. 40 ¶1 or
    /// Art. 32 ¶2; the feedback deadline is <see cref="DeadlinePolicy.SupervisionFeedback"/> from the day
    /// of issue (day 0), counted by <see cref="DeadlineComputation"/> on the working calendar.
    /// </summary>
    public static SupervisionNotice Issue(
        Guid id,
        SupervisedItem item,
        SupervisionReason reason,
        string details,
        Guid addressedToOrganizationId,
        Actor bureau,
        DeadlinePolicy policy,
        WorkingCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(bureau);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        Rules.Require(Enum.IsDefined(reason), "supervision.reason-invalid", "督办事由无效");
        Rules.RequireText(details, MaxTextLength, "details", "督办内容");
        // Art. 40 ¶1: the bureau supervises 有关机关、单位 — another body, not itself.
        Rules.Require(addressedToOrganizationId != Guid.Empty && addressedToOrganizationId != bureau.OrganizationId,
            "supervision.addressee-is-issuer", "督办对象应为有关机关、单位，不能是督办的信访部门本身（《信访工作条例》第四十条）");
        switch (reason)
        {
            // Art. 32 ¶2: execution is supervised only where the opinion supported the request.
            case SupervisionReason.ExecutionOfSupportedDecision:
                Rules.Require(item.DecisionOutcome == DecisionOutcome.Support,
                    "supervision.not-supported", "只有作出支持信访请求意见的事项才督促执行（《信访工作条例》第三十二条第二款）");
                break;
            // Art. 40 ¶1 拒不执行信访处理意见: there must be an opinion to carry out.
            case SupervisionReason.RefusingDecision:
                Rules.Require(item.DecisionOutcome is not null,
                    "supervision.no-decision", "该事项尚未出具处理意见，不能以拒不执行处理意见督办（《信访工作条例》第四十条）");
                break;
            // Art. 45(一) 未在规定期限内办结: a deadline of the item must actually have passed.
            case SupervisionReason.MissedDeadline:
                Rules.Require(item.Overdue, "supervision.not-overdue", "该事项没有超期的办理期限，不能以超期督办");
                break;
            default:
                break;
        }

        var issuedOn = DeadlineTime.LocalDate(now);
        // Art. 40 ¶4 (written feedback); the length is the 2005 条例 Art. 36's 30 days, a jurisdiction policy [P].
        var due = DeadlineComputation.Start("督办通知下发", issuedOn, policy.SupervisionFeedback, calendar, policy).Due;
        return new SupervisionNotice
        {
            Id = id,
            PetitionId = item.Id,
            PetitionNumber = item.Number,
            Reason = reason,
            Details = details.Trim(),
            IssuedByOrganizationId = bureau.OrganizationId,
            AddressedToOrganizationId = addressedToOrganizationId,
            IssuedById = bureau.UserId,
            IssuedByName = bureau.Name,
            IssuedAt = now,
            IssuedOn = issuedOn,
            FeedbackDueOn = due.Date,
            FeedbackDueAtUtc = DeadlineTime.EndOfDay(due.Date).UtcDateTime,
            FeedbackExplanation = due.Explanation,
            Status = SupervisionStatus.Open,
        };
    }

    /// <summary>
    /// 催办 by hand: a supervisor presses the unit while the notice is open (domain.md §7: reminders
    /// follow until the unit answers in writing). Once answered there is nothing to press.
    /// </summary>
    public SupervisionReminder Remind(string text, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RequireOpen("remind");
        Rules.RequireText(text, MaxTextLength, "text", "催办内容");
        return Append(text.Trim(), by.UserId, by.Name, automatic: false, now);
    }

    /// <summary>Whether the sweeper owes an automatic 催办 today: open, past the feedback deadline, not yet reminded automatically today.</summary>
    public bool NeedsAutomaticReminderOn(DateOnly today) =>
        IsOverdueOn(today) && !_reminders.Any(r => r.Automatic && r.On == today);

    /// <summary>
    /// The sweeper's 催办 once the feedback deadline has passed: at most one a day, so sweeping
    /// twice on a day adds nothing. Returns null when none is owed.
    /// </summary>
    public SupervisionReminder? RemindIfOverdue(DateTimeOffset now)
    {
        var today = DeadlineTime.LocalDate(now);
        if (!NeedsAutomaticReminderOn(today))
        {
            return null;
        }

        var late = today.DayNumber - FeedbackDueOn.DayNumber;
        return Append($"督办反馈期限 {FeedbackDueOn:yyyy-MM-dd} 已过 {late} 日，请立即书面反馈办理情况", "system", "系统催办", automatic: true, now);
    }

    /// <summary>
    /// The unit's written feedback (书面反馈, Art. 40 ¶4) closes the notice. Recorded on the day it was
    /// received, which cannot be before the notice or after today; late feedback is kept as late.
    /// </summary>
    public void RecordFeedback(string feedback, DateOnly receivedOn, Actor recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        RequireOpen("feedback");
        Rules.RequireText(feedback, MaxTextLength, "feedback", "书面反馈");
        var today = DeadlineTime.LocalDate(now);
        Rules.Require(receivedOn <= today, "supervision.feedback-in-future", "反馈日期不能晚于今天");
        Rules.Require(receivedOn >= IssuedOn, "supervision.feedback-before-notice", "反馈日期不能早于督办日期");
        Feedback = feedback.Trim();
        FeedbackOn = receivedOn;
        FeedbackRecordedBy = recordedBy.Name;
        Status = SupervisionStatus.Answered;
        Version++;
    }

    private SupervisionReminder Append(string text, string userId, string name, bool automatic, DateTimeOffset now)
    {
        var reminder = new SupervisionReminder(_reminders.Count + 1, now, DeadlineTime.LocalDate(now), userId, name, automatic, text);
        _reminders.Add(reminder);
        Version++;
        return reminder;
    }

    private void RequireOpen(string action) =>
        Rules.Require(IsOpen, $"supervision.{action}-after-feedback", "该督办事项已书面反馈办结，不能再" + (action == "remind" ? "催办" : "反馈"));
}

/// <summary>One 催办 of a 督办 notice, appended and never edited.</summary>
public sealed class SupervisionReminder
{
    private SupervisionReminder()
    {
        ById = ByName = Text = string.Empty;
    }

    internal SupervisionReminder(int sequence, DateTimeOffset at, DateOnly on, string byId, string byName, bool automatic, string text)
    {
        Sequence = sequence;
        At = at;
        On = on;
        ById = byId;
        ByName = byName;
        Automatic = automatic;
        Text = text;
    }

    public int Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The Beijing date of the reminder: the sweeper sends at most one automatic reminder per day.</summary>
    public DateOnly On { get; private set; }

    public string ById { get; private set; }

    public string ByName { get; private set; }

    /// <summary>Sent by the sweeper after the feedback deadline, not by a person.</summary>
    public bool Automatic { get; private set; }

    public string Text { get; private set; }
}

/// <summary>The checks the supervision types share; a failure is a <see cref="DomainRuleViolation"/> (409).</summary>
internal static class Rules
{
    public static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message);
        }
    }

    public static void RequireText(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), $"supervision.{field}-required", $"{label}不能为空");
        Require(value!.Trim().Length <= max, $"supervision.{field}-too-long", $"{label}不能超过{max}字");
    }
}
