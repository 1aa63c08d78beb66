using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 条例 Art. 31: the route of an accepted item. Routes 1–4 leave the petition track with a guidance
/// notice; route 5 performs the duty or answers; route 6 investigates and issues a 信访处理意见书.
/// </summary>
public sealed class ChooseRoute(PetitionStore store)
{
    public sealed record Request(HandlingRoute? Route, string? Guidance, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ChooseAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ChooseAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Route, "route", "办理途径")
            .Text(r.Guidance, "guidance", "导入程序告知", Petition.MaxNoteLength, required: r.Route is >= HandlingRoute.LitigationProcedure and <= HandlingRoute.AdministrativeProcedure)
            .OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.ChooseRoute, (p, actor, now) => p.ChooseRoute(r.Route!.Value, r.Guidance, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/route", (Guid id, Request r, ChooseRoute uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("确定办理途径（条例第三十一条）");
}
