using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>告知: the written notice of receipt, route and procedure (条例 Art. 23 ¶2–3).</summary>
public sealed class NotifyReceipt(PetitionStore store)
{
    public sealed record Request(string? RouteAndProcedure, bool OnTheSpot, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await NotifyAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> NotifyAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.RouteAndProcedure, "routeAndProcedure", "处理途径和程序", Petition.MaxNoteLength).OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.NotifyReceipt, (p, actor, now) => p.NotifyReceipt(r.RouteAndProcedure!, r.OnTheSpot, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/notify-receipt", (Guid id, Request r, NotifyReceipt uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("书面告知受理情况");
}
