using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>
/// 起草处理意见: the handler drafts the 信访处理意见书 (条例 Art. 32) — the same fields as issuing it — for the unit
/// head to sign off (<see cref="SignOffDecision"/>). Drafted again to edit it, until it is signed.
/// </summary>
public sealed class DraftDecision(PetitionStore store, CoHandling.CoHandlingDesk coHandling)
{
    public async Task<IResult> HandleAsync(Guid id, DecidePetition.Request r, CancellationToken ct) => (await DraftAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both draft here: same checks, same messages.</summary>
    public async Task<ActOutcome> DraftAsync(Guid id, DecidePetition.Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = DecidePetition.Validate(r);
        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        // 主办/协办 (issue 14): not sent for sign-off while a 协办 task holds the answer (checked once the caller may act).
        var holding = await coHandling.HoldingAsync(id, ct);
        return await store.TryActAsync(id, PetitionAction.DraftDecision, (p, actor, now) =>
        {
            Domain.CoHandling.CoHandlingTask.RequireNoneHolding(holding);
            p.DraftDecision(r.Outcome!.Value, r.PetitionerRequest!, r.Facts!, r.Reasons!, r.LegalBasis, actor, now);
        }, ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/draft-decision", (Guid id, DecidePetition.Request r, DraftDecision uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("起草处理意见（待单位负责人签发）");
}
