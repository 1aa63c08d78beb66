using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>受理: the unit records acceptance and the 60-day handling clock starts (条例 Art. 34).</summary>
public sealed class AcceptPetition(PetitionStore store)
{
    public async Task<IResult> HandleAsync(Guid id, CancellationToken ct) => (await AcceptAsync(id, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both accept here.</summary>
    public Task<ActOutcome> AcceptAsync(Guid id, CancellationToken ct) =>
        store.TryActAsync(id, PetitionAction.Accept, (p, actor, now) => p.Accept(actor, now), ct);

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/accept", (Guid id, AcceptPetition uc, CancellationToken ct) => uc.HandleAsync(id, ct))
            .WithSummary("受理");
}
