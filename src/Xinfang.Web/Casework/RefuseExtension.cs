using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>不批准延期: the unit head refuses the handler's pending request with the reason; the period stays.</summary>
public sealed class RefuseExtension(PetitionStore store)
{
    public sealed record Request(string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await RefuseAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both refuse here.</summary>
    public async Task<ActOutcome> RefuseAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "不批准理由", Petition.MaxNoteLength);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.RefuseExtension, (p, actor, now) => p.RefuseExtension(r.Reason!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/refuse-extension", (Guid id, Request r, RefuseExtension uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("不批准延期申请（单位负责人）");
}
