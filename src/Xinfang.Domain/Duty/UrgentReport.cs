using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Duty;

/// <summary>
/// 重大紧急信访事项和信访信息的报告 (条例 Art. 25): a body reports an urgent matter — on an item, on a duty report's
/// situation, or on its own — to the level above (Art. 25 ¶1: 应当及时报告); a petition bureau that receives one reports
/// it on to the bureau above it (Art. 25 ¶2: 信访部门接到重大、紧急信访事项和信访信息，应当向上一级信访部门报告). Each step
/// up is a <see cref="UrgentReportStep"/> that keeps who made it and when, and who read it at the receiving body and when.
/// </summary>
public sealed class UrgentReport
{
    public const int MaxSummaryLength = 1000;
    public const int MaxNoteLength = 500;

    private readonly List<UrgentReportStep> _steps = [];

    private UrgentReport()
    {
        Summary = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The body where the matter arose and that first reported it.</summary>
    public Guid OriginOrganizationId { get; private set; }

    public string Summary { get; private set; }

    /// <summary>The item the report is about, if any (the link lives here; the item knows nothing of it).</summary>
    public Guid? PetitionId { get; private set; }

    /// <summary>The duty report whose situation it reports, if any.</summary>
    public Guid? DutyReportId { get; private set; }

    public IReadOnlyList<UrgentReportStep> Steps => _steps;

    public int Version { get; private set; }

    /// <summary>The body it now waits at (the receiving body of the last step).</summary>
    public Guid CurrentOrganizationId => _steps[^1].ToOrganizationId;

    /// <summary>
    /// The first report, from <paramref name="from"/> to the level above (<paramref name="above"/>, the body's parent).
    /// A body at the top of the tree has nobody above it in the system.
    /// </summary>
    public static UrgentReport Report(Guid id, Guid from, Guid? above, string summary, Guid? petitionId, Guid? dutyReportId, string? note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DutyText.Require(above is not null, "no-level-above", "本机关没有上一级机关，无法向上报告", "organization");
        var report = new UrgentReport
        {
            Id = id,
            OriginOrganizationId = from,
            Summary = DutyText.Clean(summary, MaxSummaryLength, "summary", "紧急情况摘要"),
            PetitionId = petitionId,
            DutyReportId = dutyReportId,
        };
        report._steps.Add(UrgentReportStep.Made(1, from, above!.Value, note, actor, now));
        return report;
    }

    /// <summary>
    /// 已阅: the receiving body of the last step has read it. The first reading counts (the time the level above knew);
    /// reading again changes nothing.
    /// </summary>
    public bool MarkRead(Guid readerOrganization, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var step = _steps.LastOrDefault(s => s.ToOrganizationId == readerOrganization);
        DutyText.Require(step is not null, "not-addressed", "该报告不是报给本机关的");
        if (step!.ReadAt is not null)
        {
            return false;
        }

        step.Read(actor, now);
        Version++;
        return true;
    }

    /// <summary>
    /// Passes it on to the level above (Art. 25 ¶2): only the body it now waits at, and only once it has read it
    /// (passing on is reading it); a body passes a report on once.
    /// </summary>
    public void PassOn(Guid by, Guid? above, string? note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DutyText.Require(CurrentOrganizationId == by, "not-current", "只有当前接收报告的机关可以继续向上报告");
        DutyText.Require(above is not null, "no-level-above", "本机关没有上一级机关，无法继续向上报告");
        if (_steps[^1].ReadAt is null)
        {
            _steps[^1].Read(actor, now);
        }

        _steps.Add(UrgentReportStep.Made(_steps.Count + 1, by, above!.Value, note, actor, now));
        Version++;
    }
}

/// <summary>One step of an urgent report up the chain: from a body to the level above, made by someone at a time, read by someone at a time.</summary>
public sealed class UrgentReportStep
{
    private UrgentReportStep()
    {
        ReportedBy = string.Empty;
    }

    /// <summary>1 for the first report, 2 for the first passing on, …</summary>
    public int Sequence { get; private set; }

    public Guid FromOrganizationId { get; private set; }

    public Guid ToOrganizationId { get; private set; }

    public string? Note { get; private set; }

    public string ReportedBy { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public string? ReadBy { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    internal static UrgentReportStep Made(int sequence, Guid from, Guid to, string? note, Actor actor, DateTimeOffset now) => new()
    {
        Sequence = sequence,
        FromOrganizationId = from,
        ToOrganizationId = to,
        Note = string.IsNullOrWhiteSpace(note) ? null : DutyText.Clean(note, UrgentReport.MaxNoteLength, "note", "报告说明"),
        ReportedBy = actor.Name,
        ReportedAt = now,
    };

    internal void Read(Actor actor, DateTimeOffset now)
    {
        ReadBy = actor.Name;
        ReadAt = now;
    }
}
