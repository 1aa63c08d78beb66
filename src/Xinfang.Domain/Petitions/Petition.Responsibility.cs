namespace Xinfang.Domain.Petitions;

/// <summary>
/// 首办责任人 (首办负责制; 条例 Art. 34: the body that handles an item bears the responsibility for handling it
/// within the periods — issue 13 names one officer of that body on each item). The officer is a staff member
/// of the body holding the item; the body recorded beside the name ties the naming to that body, so when the
/// item moves to another body (转送, 交办, 复查, 复核, a return) nobody there is named until that body names one.
/// Every naming and change is in the history.
/// </summary>
public sealed partial class Petition
{
    /// <summary>The history's action for a naming or change of the 首办责任人.</summary>
    public const string ResponsibleOfficerAction = "ResponsibleOfficer";

    public string? ResponsibleUserId { get; private set; }

    public string? ResponsibleName { get; private set; }

    /// <summary>The body that named <see cref="ResponsibleUserId"/>; the naming counts only while that body holds the item.</summary>
    public Guid? ResponsibleOrganizationId { get; private set; }

    /// <summary>The officer named by the body now holding the item, or null (none named there yet).</summary>
    public string? CurrentResponsibleUserId => ResponsibleOrganizationId == CurrentOrganizationId ? ResponsibleUserId : null;

    /// <summary>The name of <see cref="CurrentResponsibleUserId"/>.</summary>
    public string? CurrentResponsibleName => ResponsibleOrganizationId == CurrentOrganizationId ? ResponsibleName : null;

    /// <summary>
    /// Names (or changes) the 首办责任人: <paramref name="officerOrganizationId"/> is the officer's body, which
    /// must be the one holding the item; an officer who stepped aside (回避, Art. 28) cannot be named.
    /// </summary>
    public void NameResponsibleOfficer(string officerId, string officerName, Guid officerOrganizationId, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(officerId);
        RequireText(officerName, "officerName");
        Require(!Lifecycle.IsTerminal(State), "item-finished", "已终结的信访件无需确定首办责任人");
        Require(officerOrganizationId == CurrentOrganizationId, "officer-not-of-holder", "首办责任人应为当前办理单位的工作人员");
        Require(!IsRecused(officerId), "officer-recused", "该工作人员已登记回避，不能作为首办责任人");
        Require(CurrentResponsibleUserId != officerId, "officer-unchanged", "该工作人员已是首办责任人");
        var before = CurrentResponsibleName;
        ResponsibleUserId = officerId;
        ResponsibleName = officerName.Trim();
        ResponsibleOrganizationId = officerOrganizationId;
        var summary = before is null ? $"确定首办责任人：{ResponsibleName}" : $"变更首办责任人：{before} → {ResponsibleName}";
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, ResponsibleOfficerAction, State, State, summary, null, null));
        Version++;
    }
}
