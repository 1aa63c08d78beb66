using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 作废: the registering body voids a mistaken registration, with its reason, while nothing has been done on it.
/// Kept (nothing is deleted), shown as 已作废, never an 初件 candidate and counted nowhere.
/// </summary>
public sealed class VoidRegistration(PetitionStore store)
{
    public sealed record Request(string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await VoidAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both void here: same checks, same messages.</summary>
    public async Task<ActOutcome> VoidAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "作废理由", Petition.MaxNoteLength);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.VoidRegistration, (p, actor, now) => p.VoidRegistration(r.Reason!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/void", (Guid id, Request r, VoidRegistration uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("作废登记（尚未办理时）");
}
