using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 不予受理 / 不再受理: an item not taken up is still registered, and closed with a written notice
/// naming the rule, the reason and where to go (domain.md §4). The answer is 200 with the notice —
/// a "no" is a recorded outcome, never an error response.
/// </summary>
public sealed class DeclinePetition(PetitionStore store)
{
    public sealed record Request(DeclineRule? Rule, string? Reason, string? WhereToGo, DateOnly? OccurredOn = null);

    public async Task<IResult> DeclineAsync(Guid id, Request r, CancellationToken ct) =>
        (await ActAsync(id, r, PetitionAction.Decline, ct)).ToResult();

    public async Task<IResult> RefuseAgainAsync(Guid id, Request r, CancellationToken ct) =>
        (await ActAsync(id, r, PetitionAction.RefuseAgain, ct)).ToResult();

    /// <summary>
    /// 不予受理 (<see cref="PetitionAction.Decline"/>) or 不再受理 (<see cref="PetitionAction.RefuseAgain"/>):
    /// the API and the petition page (<c>/petitions/{id}</c>) both act here.
    /// </summary>
    public async Task<ActOutcome> ActAsync(Guid id, Request r, PetitionAction action, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Rule, "rule", "依据")
            .Text(r.Reason, "reason", "理由", Petition.MaxNoteLength)
            .Text(r.WhereToGo, "whereToGo", "告知去向", 500)
            .OccurredOn(r.OccurredOn);
        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        return await store.TryActAsync(id, action, (p, actor, now) =>
        {
            if (action == PetitionAction.Decline)
            {
                p.Decline(r.Rule!.Value, r.Reason!, r.WhereToGo!, actor, now, r.OccurredOn);
            }
            else
            {
                p.RefuseAgain(r.Rule!.Value, r.Reason!, r.WhereToGo!, actor, now, r.OccurredOn);
            }
        }, ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/decline", (Guid id, Request r, DeclinePetition uc, CancellationToken ct) => uc.DeclineAsync(id, r, ct))
            .WithSummary("不予受理（书面告知理由和去向）");
        group.MapPost("/{id:guid}/refuse-again", (Guid id, Request r, DeclinePetition uc, CancellationToken ct) => uc.RefuseAgainAsync(id, r, ct))
            .WithSummary("不再受理（书面告知理由和去向）");
    }
}
