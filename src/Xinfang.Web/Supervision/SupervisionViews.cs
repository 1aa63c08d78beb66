using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Data;

namespace Xinfang.Web.Supervision;

public sealed record ReminderView(int Sequence, DateTimeOffset At, DateOnly On, string ByName, bool Automatic, string Text);

/// <summary>A 督办 notice as the API shows it.</summary>
public sealed record NoticeView(
    Guid Id,
    Guid PetitionId,
    string PetitionNumber,
    string Reason,
    string ReasonName,
    string Details,
    Guid IssuedByOrganizationId,
    string IssuedByOrganizationName,
    Guid AddressedToOrganizationId,
    string AddressedToOrganizationName,
    string IssuedByName,
    DateOnly IssuedOn,
    DateOnly FeedbackDueOn,
    string FeedbackExplanation,
    bool FeedbackOverdue,
    string Status,
    string? Feedback,
    DateOnly? FeedbackOn,
    bool AnsweredLate,
    IReadOnlyList<ReminderView> Reminders)
{
    public static NoticeView From(SupervisionNotice n, DateOnly today, IReadOnlyDictionary<Guid, string> names) => new(
        n.Id, n.PetitionId, n.PetitionNumber, n.Reason.ToString(), SupervisionNames.Of(n.Reason), n.Details,
        n.IssuedByOrganizationId, names.GetValueOrDefault(n.IssuedByOrganizationId, string.Empty),
        n.AddressedToOrganizationId, names.GetValueOrDefault(n.AddressedToOrganizationId, string.Empty),
        n.IssuedByName, n.IssuedOn, n.FeedbackDueOn, n.FeedbackExplanation, n.IsOverdueOn(today), n.Status.ToString(),
        n.Feedback, n.FeedbackOn, n.AnsweredLate,
        [.. n.Reminders.OrderBy(r => r.Sequence).Select(r => new ReminderView(r.Sequence, r.At, r.On, r.ByName, r.Automatic, r.Text))]);

    public static async Task<IReadOnlyList<NoticeView>> ManyAsync(AppDbContext db, IReadOnlyList<SupervisionNotice> notices, DateOnly today, CancellationToken ct)
    {
        var names = await OrganizationNames.LoadAsync(db, notices.SelectMany(n => new[] { n.IssuedByOrganizationId, n.AddressedToOrganizationId }), ct);
        return [.. notices.Select(n => From(n, today, names))];
    }
}

/// <summary>A recommendation as the API shows it.</summary>
public sealed record RecommendationView(
    Guid Id,
    string Kind,
    string KindName,
    string Text,
    Guid? PetitionId,
    Guid? SupervisionNoticeId,
    Guid IssuedByOrganizationId,
    Guid AddressedToOrganizationId,
    string AddressedToOrganizationName,
    string? Subject,
    string? SubjectName,
    string? Consequences,
    string IssuedByName,
    DateOnly IssuedOn,
    DateOnly FeedbackDueOn,
    string FeedbackExplanation,
    bool FeedbackOverdue,
    string? Adoption,
    string? AdoptionName,
    string? Feedback,
    DateOnly? FeedbackOn,
    bool AnsweredLate)
{
    public static RecommendationView From(Recommendation r, DateOnly today, IReadOnlyDictionary<Guid, string> names) => new(
        r.Id, r.Kind.ToString(), Recommendation.NameOf(r.Kind), r.Text, r.PetitionId, r.SupervisionNoticeId,
        r.IssuedByOrganizationId, r.AddressedToOrganizationId, names.GetValueOrDefault(r.AddressedToOrganizationId, string.Empty),
        r.Subject?.ToString(), r.SubjectName, r.Consequences, r.IssuedByName, r.IssuedOn, r.FeedbackDueOn, r.FeedbackExplanation,
        r.IsOverdueOn(today), r.Adoption?.ToString(), r.Adoption is { } a ? Recommendation.NameOf(a) : null, r.Feedback, r.FeedbackOn, r.AnsweredLate);
}

/// <summary>A joint-meeting measure as the API shows it.</summary>
public sealed record MeasureView(
    Guid Id,
    string Kind,
    string KindName,
    string Target,
    Guid TargetOrganizationId,
    string TargetOrganizationName,
    string? LeaderName,
    string Reason,
    DateOnly DecidedOn,
    string DecidedBy,
    DateOnly? RectifyBy,
    string RecordedByName,
    DateTimeOffset RecordedAt)
{
    public static MeasureView From(JointMeetingMeasure m, IReadOnlyDictionary<Guid, string> names) => new(
        m.Id, m.Kind.ToString(), JointMeetingMeasure.NameOf(m.Kind), m.Target.ToString(), m.TargetOrganizationId,
        names.GetValueOrDefault(m.TargetOrganizationId, string.Empty), m.LeaderName, m.Reason, m.DecidedOn, m.DecidedBy, m.RectifyBy,
        m.RecordedByName, m.RecordedAt);
}

/// <summary>Chinese names of the supervision codes.</summary>
public static class SupervisionNames
{
    public static string Of(SupervisionReason reason) => reason switch
    {
        SupervisionReason.ImproperAcceptance => "违反规定受理",
        SupervisionReason.ImproperHandling => "违反规定办理",
        SupervisionReason.Shirking => "推诿",
        SupervisionReason.Perfunctory => "敷衍",
        SupervisionReason.Delay => "拖延",
        SupervisionReason.Falsification => "弄虚作假",
        SupervisionReason.MissedDeadline => "超期未办结",
        SupervisionReason.RefusingDecision => "拒不执行信访处理意见",
        SupervisionReason.ExecutionOfSupportedDecision => "督促执行支持意见",
        _ => "重要事项",
    };
}
