namespace Xinfang.Web.Duty;

/// <summary>A body by id and name.</summary>
public sealed record BodyView(Guid Id, string Name);

/// <summary>An item linked to a report or decision, as its reader may see it: number and title only.</summary>
public sealed record LinkedItemView(Guid PetitionId, string Number, string Title);

/// <summary>A special period as a body sees it: whether its own body reports in it and whether it has reported today.</summary>
public sealed record SpecialPeriodView(Guid Id, Guid OrganizationId, string OrganizationName, string Name, DateOnly From, DateOnly To,
    string DeclaredBy, DateTimeOffset DeclaredAt, bool Active, bool OwnBodyReports, bool ReportedToday, bool MayDeclaredBodyManage);

/// <summary>One line of a duty roster (值班表): the office's phone, never a personal number.</summary>
public sealed record RosterEntryView(Guid Id, Guid PeriodId, Guid OrganizationId, string OrganizationName, DateOnly Day, string Officer, string Leader, string Phone,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A daily report: 零报告 (<see cref="Nothing"/>) or the situations found; items linked shown only when the reader may see them.</summary>
public sealed record DutyReportView(Guid Id, Guid PeriodId, Guid OrganizationId, string OrganizationName, DateOnly Day, bool Nothing, string? Situations,
    IReadOnlyList<LinkedItemView> Items, int ItemsOutOfView, string FiledBy, DateTimeOffset FiledAt, bool Late)
{
    public string KindName => Nothing ? "零报告（无情况）" : "有情况";
}

/// <summary>
/// One day of a period as the reader's jurisdiction sees it: the reports filed by the bodies below the reader, and those
/// not filed — missing (缺报) once the day's cut-off has passed, "not yet" before it.
/// </summary>
public sealed record DutyDayView(Guid PeriodId, string PeriodName, DateOnly Day, string CutOff, bool Due, IReadOnlyList<DutyReportView> Filed,
    IReadOnlyList<BodyView> Missing, IReadOnlyList<BodyView> NotYet, DutyReportView? OwnReport);

/// <summary>The bodies below the reader that missed a day's report, per active period (the superior's alert).</summary>
public sealed record MissingReportsView(Guid PeriodId, string PeriodName, DateOnly Day, IReadOnlyList<BodyView> Bodies);

/// <summary>One step of an urgent report up the chain, with the times it was made and read.</summary>
public sealed record UrgentStepView(int Sequence, Guid FromOrganizationId, string FromName, Guid ToOrganizationId, string ToName, string? Note,
    string ReportedBy, DateTimeOffset ReportedAt, string? ReadBy, DateTimeOffset? ReadAt);

/// <summary>An urgent report (条例 Art. 25) with every step; <see cref="Item"/> only when the reader may see the item.</summary>
public sealed record UrgentReportView(Guid Id, Guid OriginOrganizationId, string OriginName, string Summary, Guid? PetitionId, LinkedItemView? Item,
    Guid? DutyReportId, Guid CurrentOrganizationId, string CurrentName, bool Read, IReadOnlyList<UrgentStepView> Steps, bool MayMarkRead, bool MayPassOn);
