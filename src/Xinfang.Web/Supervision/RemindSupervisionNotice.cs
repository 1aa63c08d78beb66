using Xinfang.Domain.Supervision;
using Xinfang.Web.Common;

namespace Xinfang.Web.Supervision;

/// <summary>催办 by hand: the issuing bureau presses the unit while the notice is open (domain.md §7).</summary>
public sealed class RemindSupervisionNotice(NoticeStore store)
{
    public sealed record Request(string? Text);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Text, "text", "催办内容", SupervisionNotice.MaxTextLength);
        return errors.Any
            ? errors.Problem()
            : await store.ActAsync(id, unitMayAct: false, (n, actor, now) => n.Remind(r.Text!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/notices/{id:guid}/reminders", (Guid id, Request r, RemindSupervisionNotice uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("催办").Produces<NoticeView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
