using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 异议 (条例 Art. 23 ¶3): the unit objects within 5 working days with detailed reasons; the
/// forwarding bureau verifies and approves (the material goes back) or rejects (the unit keeps it).
/// </summary>
public sealed class ObjectToForward(PetitionStore store)
{
    public sealed record RaiseRequest(string? DetailedReasons, DateOnly? OccurredOn = null);

    public sealed record VerifyRequest(bool? Approve, string? Reason, DateOnly? OccurredOn = null);

    public async Task<IResult> RaiseAsync(Guid id, RaiseRequest r, CancellationToken ct) => (await RaiseObjectionAsync(id, r, ct)).ToResult();

    public async Task<IResult> VerifyAsync(Guid id, VerifyRequest r, CancellationToken ct) => (await VerifyObjectionAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both raise an objection here.</summary>
    public async Task<ActOutcome> RaiseObjectionAsync(Guid id, RaiseRequest r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.DetailedReasons, "detailedReasons", "异议理由", Petition.MaxNoteLength).OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.RaiseObjection, (p, actor, now) => p.RaiseObjection(r.DetailedReasons!, actor, now, r.OccurredOn), ct);
    }

    /// <summary>
    /// The bureau's verification: <see cref="PetitionAction.ApproveObjection"/> or
    /// <see cref="PetitionAction.RejectObjection"/>; the API and the petition page both act here.
    /// </summary>
    public async Task<ActOutcome> VerifyObjectionAsync(Guid id, VerifyRequest r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Reason, "reason", "核实意见", Petition.MaxNoteLength, required: r.Approve == false).OccurredOn(r.OccurredOn);
        if (r.Approve is null)
        {
            errors.Add("approve", "请选择同意或不同意");
        }

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        return r.Approve == true
            ? await store.TryActAsync(id, PetitionAction.ApproveObjection, (p, actor, now) => p.ApproveObjection(r.Reason, actor, now, r.OccurredOn), ct)
            : await store.TryActAsync(id, PetitionAction.RejectObjection, (p, actor, now) => p.RejectObjection(r.Reason!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/objection", (Guid id, RaiseRequest r, ObjectToForward uc, CancellationToken ct) => uc.RaiseAsync(id, r, ct))
            .WithSummary("对转送交办提出异议");
        group.MapPost("/{id:guid}/objection/verify", (Guid id, VerifyRequest r, ObjectToForward uc, CancellationToken ct) => uc.VerifyAsync(id, r, ct))
            .WithSummary("核实异议");
    }
}
