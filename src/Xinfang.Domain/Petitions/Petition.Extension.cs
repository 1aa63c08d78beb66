using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// 延期 (条例 Art. 34): the handler asks (申请延期) with the days and the reason, the unit head approves — then the
/// handling period is extended and the petitioner told why — or refuses with a reason. While the request waits
/// the clock runs unchanged: only an approval moves it.
/// </summary>
public sealed partial class Petition
{
    /// <summary>The days asked for by the pending extension request; null when none waits.</summary>
    public int? RequestedExtensionDays { get; private set; }

    public string? RequestedExtensionReason { get; private set; }

    public string? ExtensionRequestedBy { get; private set; }

    public DateOnly? ExtensionRequestedOn { get; private set; }

    public bool ExtensionPending => RequestedExtensionDays is not null;

    /// <summary>
    /// 条例 Art. 34: complex items may be extended with the unit head's approval, in total at most
    /// 30 days, and the petitioner is told why. The number of extensions is a policy value [P: one].
    /// Called by the head directly (the head's own approval), or through <see cref="ApproveExtension"/>.
    /// </summary>
    public void Extend(int days, string approvedBy, string reason, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Extend);
        ApplyExtension(PetitionAction.Extend, days, approvedBy, reason, actor, now, occurredOn);
    }

    /// <summary>
    /// 申请延期: the handler asks the head for <paramref name="days"/> more days with the reason. Checked now
    /// against Art. 34's limits (in total at most the policy's days, its number of extensions, before the period
    /// ends) so that a request the head could not approve is not made; one request waits at a time.
    /// </summary>
    public void RequestExtension(int days, string reason, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.RequestExtension);
        Require(!ExtensionPending, "extension-already-requested", "已有待审批的延期申请");
        RequireText(reason, "reason");
        Require(days >= 1, "extension-days-invalid", "延期天数至少为1日");
        var today = DeadlineTime.LocalDate(now);
        // The same limits an approval meets today (DeadlineComputation.Extend, the one place that knows Art. 34).
        _ = Replay(_deadlines.Last(d => d.Kind == DeadlineKind.Handling), Policy).Extend(days, actor.Name, reason.Trim(), today);
        Transition(PetitionAction.RequestExtension, PetitionState.Handling, now);
        RequestedExtensionDays = days;
        RequestedExtensionReason = reason.Trim();
        ExtensionRequestedBy = actor.Name;
        ExtensionRequestedOn = today;
        Record(actor, now, PetitionAction.RequestExtension, $"申请延期{days}日：{RequestedExtensionReason}，待单位负责人审批", null, null);
    }

    /// <summary>批准延期: the head approves the pending request; it applies as <see cref="Extend"/> (Art. 34), 延期告知 included.</summary>
    public void ApproveExtension(Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.ApproveExtension);
        Require(ExtensionPending, "no-extension-request", "没有待审批的延期申请");
        ApplyExtension(PetitionAction.ApproveExtension, RequestedExtensionDays!.Value, actor.Name, RequestedExtensionReason!, actor, now, occurredOn);
    }

    /// <summary>不批准延期: the head refuses with the reason; the period stays as it was.</summary>
    public void RefuseExtension(string reason, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.RefuseExtension);
        Require(ExtensionPending, "no-extension-request", "没有待审批的延期申请");
        RequireText(reason, "reason");
        var days = RequestedExtensionDays;
        Transition(PetitionAction.RefuseExtension, PetitionState.Handling, now);
        ClearExtensionRequest();
        Record(actor, now, PetitionAction.RefuseExtension, $"不批准延期{days}日：{reason.Trim()}", null, null);
    }

    private void ApplyExtension(PetitionAction action, int days, string approvedBy, string reason, Actor actor, DateTimeOffset now, DateOnly? occurredOn)
    {
        RequireText(approvedBy, "approvedBy");
        RequireText(reason, "reason");
        Require(days >= 1, "extension-days-invalid", "延期天数至少为1日");
        var clock = _deadlines.Last(d => d.Kind == DeadlineKind.Handling);
        // 条例 Art. 34: the day the unit head approved, which must fall within the period.
        var today = On(occurredOn, now);
        // The limits (total ≤ 30 days, the policy's number of extensions, approval before the last
        // day) live in DeadlineComputation.Extend, the one place that knows Art. 34.
        var extended = Replay(clock, Policy).Extend(days, approvedBy.Trim(), reason.Trim(), today);
        Transition(action, PetitionState.Handling, now);
        var asked = ExtensionRequestedBy;
        ClearExtensionRequest();
        _extensions.Add(new HandlingExtension(days, approvedBy.Trim(), reason.Trim(), today));
        clock.MoveTo(extended.Due);
        var dueOn = extended.Due.Date;
        var doc = AddDocument(DocumentKind.ExtensionNotice, "延期办理告知书",
            $"因{reason.Trim()}，经{approvedBy.Trim()}批准，您的信访事项办理期限延长{days}日至{dueOn:yyyy年M月d日}（《信访工作条例》第三十四条）。", today, Audience.Petitioner);
        var summary = $"延期{days}日至{dueOn:yyyy-MM-dd}，批准人{approvedBy.Trim()}" + (asked is null ? string.Empty : $"（{asked}申请）");
        Record(actor, now, action, summary, doc.Id, $"办理期限延长{days}日至{dueOn:yyyy-MM-dd}", today);
    }

    private void ClearExtensionRequest()
    {
        RequestedExtensionDays = null;
        RequestedExtensionReason = null;
        ExtensionRequestedBy = null;
        ExtensionRequestedOn = null;
    }
}
