using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>受理: the unit records acceptance and the 60-day handling clock starts (条例 Art. 34).</summary>
public sealed class AcceptPetition(PetitionStore store)
{
    /// <summary>The day of acceptance when it was not today (条例 Art. 34 counts from it); the body is optional.</summary>
    public sealed record Request(DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request? r, CancellationToken ct) => (await AcceptAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both accept here.</summary>
    public async Task<ActOutcome> AcceptAsync(Guid id, Request? r, CancellationToken ct)
    {
        var errors = new RequestErrors().OccurredOn(r?.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Accept, (p, actor, now) => p.Accept(actor, now, r?.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/accept", (Guid id, Request? r, AcceptPetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("受理");
}
