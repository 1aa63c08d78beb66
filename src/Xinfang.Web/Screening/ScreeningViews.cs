using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Screening;
using Xinfang.Web.Common;

namespace Xinfang.Web.Screening;

/// <summary>What a round found of one kind.</summary>
public sealed record FindingView(string Kind, string KindName, int Found, int ResolvedOnSpot, int ToWarnings, int ToItems);

/// <summary>A 矛盾纠纷排查 round as staff see it: the place, the period, who screened, and the findings by kind with their sums.</summary>
public sealed record RoundView(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string? Place,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string PeriodLabel,
    string ScreenedBy,
    string? Note,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<FindingView> Findings,
    int Found,
    int ResolvedOnSpot,
    int ToWarnings,
    int ToItems)
{
    public string PlaceName => Place is { } p ? $"{OrganizationName} {p}" : OrganizationName;

    public static RoundView From(ScreeningRound r, string organizationName)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.OrganizationId, organizationName, r.Place, r.PeriodFrom, r.PeriodTo, r.PeriodLabel, r.ScreenedBy, r.Note, r.RecordedBy, r.RecordedAt,
            r.Findings.Select(f => new FindingView(f.Kind.ToString(), DisputeKinds.NameOf(f.Kind), f.Found, f.ResolvedOnSpot, f.ToWarnings, f.ToItems)).ToList(),
            r.Found, r.ResolvedOnSpot, r.ToWarnings, r.ToItems);
    }
}

/// <summary>One handling note.</summary>
public sealed record WarningNoteView(string Text, string By, DateTimeOffset At);

/// <summary>One change of the last day: from, to, why, who (and of which body), when typed.</summary>
public sealed record DeadlineChangeView(DateOnly PreviousDueOn, DateOnly DueOn, string Reason, string By, string ByOrganizationName, DateTimeOffset At);

/// <summary>
/// A 预警 as staff see it: the matter, its level and scale, who raised it, who handles it, its clock (last day, days
/// left, 黄牌/红牌/超期 as the items' clock shows them), its notes and outcome; the linked item's number only when the
/// reader may see the item.
/// </summary>
public sealed record WarningView(
    Guid Id,
    string Summary,
    string Place,
    string Kind,
    string KindName,
    string Level,
    string LevelName,
    int ExpectedPersons,
    Guid RaisedByOrganizationId,
    string RaisedByOrganizationName,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    DateOnly DueOn,
    int DaysLeft,
    string Clock,
    string ClockName,
    bool Overdue,
    bool ClosedLate,
    Guid? RoundId,
    Guid? ResponsibleOrganizationId,
    string? ResponsibleOrganizationName,
    string? AssignedBy,
    DateTimeOffset? AssignedAt,
    Guid? PetitionId,
    string? PetitionNumber,
    string Status,
    string StatusName,
    string? Outcome,
    string? OutcomeName,
    string? OutcomeNote,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<WarningNoteView> Notes,
    bool ReportToPartyAndGovernment,
    Guid? AssignedByOrganizationId = null,
    IReadOnlyList<DeadlineChangeView>? DeadlineChanges = null)
{
    public static WarningView From(Warning w, DateOnly today, IReadOnlyDictionary<Guid, string> names, string? petitionNumber)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(names);
        var clock = w.ClockOn(today);
        return new(w.Id, w.Summary, w.Place, w.Kind.ToString(), DisputeKinds.NameOf(w.Kind), w.Level.ToString(), Warning.NameOf(w.Level), w.ExpectedPersons,
            w.RaisedByOrganizationId, names.GetValueOrDefault(w.RaisedByOrganizationId, string.Empty), w.RaisedBy, w.RaisedAt, w.DueOn,
            w.DueOn.DayNumber - today.DayNumber, clock.ToString(), ClockNameOf(w, clock), w.IsOverdueOn(today), w.ClosedLate, w.RoundId,
            w.ResponsibleOrganizationId, w.ResponsibleOrganizationId is { } r ? names.GetValueOrDefault(r, string.Empty) : null, w.AssignedBy, w.AssignedAt,
            w.PetitionId, petitionNumber, w.Status.ToString(), Warning.NameOf(w.Status), w.Outcome?.ToString(), w.Outcome is { } o ? Warning.NameOf(o) : null,
            w.OutcomeNote, w.ClosedBy, w.ClosedAt, w.Notes.Select(n => new WarningNoteView(n.Text, n.By, n.At)).ToList(),
            w.Level == WarningLevel.Serious, w.AssignedByOrganizationId,
            w.DeadlineChanges.Select(c => new DeadlineChangeView(c.PreviousDueOn, c.DueOn, c.Reason, c.By, names.GetValueOrDefault(c.ByOrganizationId, string.Empty), c.At)).ToList());
    }

    /// <summary>The bodies a view names: raising, responsible, and those that moved the last day.</summary>
    public static IEnumerable<Guid> BodiesOf(Warning w)
    {
        ArgumentNullException.ThrowIfNull(w);
        yield return w.RaisedByOrganizationId;
        if (w.ResponsibleOrganizationId is { } r)
        {
            yield return r;
        }

        foreach (var c in w.DeadlineChanges)
        {
            yield return c.ByOrganizationId;
        }
    }

    private static string ClockNameOf(Warning w, DeadlineWarning clock) => !w.IsOpen
        ? (w.ClosedLate ? "逾期办结" : "按期办结")
        : clock switch
        {
            DeadlineWarning.Overdue => "超期",
            DeadlineWarning.Red => "红牌",
            DeadlineWarning.Yellow => "黄牌",
            _ => "正常",
        };
}

/// <summary>A body a round may be of or a warning may be given to: id and name.</summary>
public sealed record BodyChoice(Guid Id, string Name);

/// <summary>What a screening use case gave: the view, the bad fields, or a refusal (nothing saved).</summary>
public sealed record ScreeningOutcome<T>(T? Value, RequestErrors? Errors, int Status, string? Because)
    where T : class
{
    public IResult ToResult(Func<T, string>? created = null) => this switch
    {
        { Value: { } v } => created is not null ? TypedResults.Created(created(v), v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound(Because!),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };
}

/// <summary>The ways a screening use case answers (the factories of <see cref="ScreeningOutcome{T}"/>).</summary>
public static class ScreeningOutcome
{
    public static ScreeningOutcome<T> Done<T>(T value) where T : class => new(value, null, 0, null);

    public static ScreeningOutcome<T> Invalid<T>(RequestErrors errors) where T : class => new(null, errors, 0, null);

    public static ScreeningOutcome<T> NotFound<T>(string what) where T : class => new(null, null, StatusCodes.Status404NotFound, what);

    public static ScreeningOutcome<T> Forbidden<T>(string because) where T : class => new(null, null, StatusCodes.Status403Forbidden, because);

    public static ScreeningOutcome<T> Conflict<T>(string because) where T : class => new(null, null, StatusCodes.Status409Conflict, because);
}
