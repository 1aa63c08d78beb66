using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 批准延期 (条例 Art. 34): the unit head approves the handler's pending request; the handling period is extended
/// and the petitioner told why (延期办理告知书), as with <see cref="ExtendDeadline"/>.
/// </summary>
public sealed class ApproveExtension(PetitionStore store)
{
    public sealed record Request(DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ApproveAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both approve here.</summary>
    public async Task<ActOutcome> ApproveAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.ApproveExtension, (p, actor, now) => p.ApproveExtension(actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/approve-extension", (Guid id, Request r, ApproveExtension uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("批准延期申请（单位负责人）");
}
