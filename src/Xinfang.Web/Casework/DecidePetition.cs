using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 信访处理意见书 (条例 Art. 32): the request, facts and reasons, the opinion and its legal basis — issued at once by
/// one who may sign it (a unit head; a bureau for what it handles itself). A handler drafts it (<see cref="DraftDecision"/>).
/// </summary>
public sealed class DecidePetition(PetitionStore store, CoHandling.CoHandlingDesk coHandling)
{
    public sealed record Request(DecisionOutcome? Outcome, string? PetitionerRequest, string? Facts, string? Reasons, string? LegalBasis, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await DecideAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> DecideAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = Validate(r).OccurredOn(r.OccurredOn);
        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        // 主办/协办 (issue 14): not issued while a 协办 task holds the answer (checked once the caller may act).
        var holding = await coHandling.HoldingAsync(id, ct);
        return await store.TryActAsync(id, PetitionAction.Decide, (p, actor, now) =>
        {
            Domain.CoHandling.CoHandlingTask.RequireNoneHolding(holding);
            p.Decide(r.Outcome!.Value, r.PetitionerRequest!, r.Facts!, r.Reasons!, r.LegalBasis, actor, now, r.OccurredOn);
        }, ct);
    }

    /// <summary>The opinion's fields, the same for issuing it and for drafting it (<see cref="DraftDecision"/>).</summary>
    internal static RequestErrors Validate(Request r) => new RequestErrors()
        .Defined(r.Outcome, "outcome", "处理意见")
        .Text(r.PetitionerRequest, "petitionerRequest", "投诉请求", Petition.MaxNoteLength)
        .Text(r.Facts, "facts", "事实", Petition.MaxNoteLength)
        .Text(r.Reasons, "reasons", "理由", Petition.MaxNoteLength)
        .Text(r.LegalBasis, "legalBasis", "法律法规依据", Petition.MaxNoteLength, required: false);

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/decide", (Guid id, Request r, DecidePetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("出具信访处理意见书（单位负责人直接签发）");
}
