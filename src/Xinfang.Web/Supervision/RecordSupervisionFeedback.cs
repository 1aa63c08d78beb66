using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Common;

namespace Xinfang.Web.Supervision;

/// <summary>
/// The unit's written feedback on a 督办 (条例 Art. 40 ¶4), entered by the unit or by the bureau on
/// receiving the letter; it closes the notice.
/// </summary>
public sealed class RecordSupervisionFeedback(NoticeStore store)
{
    public sealed record Request(string? Feedback, DateOnly? ReceivedOn);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Feedback, "feedback", "书面反馈", SupervisionNotice.MaxTextLength)
            .Date(r.ReceivedOn, "receivedOn", "收到反馈日期");
        return errors.Any
            ? errors.Problem()
            : await store.ActAsync(id, unitMayAct: true, (n, actor, now) => n.RecordFeedback(r.Feedback!, r.ReceivedOn ?? DeadlineTime.LocalDate(now), actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/notices/{id:guid}/feedback", (Guid id, Request r, RecordSupervisionFeedback uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("登记被督办单位的书面反馈（办结督办）").Produces<NoticeView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
