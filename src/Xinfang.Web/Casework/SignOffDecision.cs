using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 签发: the unit head signs the handler's draft off, which issues the 信访处理意见书 (条例 Art. 32); the legal
/// clock runs from then on as for any issued opinion.
/// </summary>
public sealed class SignOffDecision(PetitionStore store)
{
    public sealed record Request(DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await SignAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both sign off here.</summary>
    public async Task<ActOutcome> SignAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.SignOffDecision, (p, actor, now) => p.SignOffDecision(actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/sign-off-decision", (Guid id, Request r, SignOffDecision uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("签发处理意见（单位负责人）");
}
