using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>审核认定办结.</summary>
public sealed class ClosePetition(PetitionStore store)
{
    public sealed record Request(string? Note);

    public async Task<IResult> HandleAsync(Guid id, Request? r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r?.Note, "note", "备注", Petition.MaxNoteLength, required: false);
        return errors.Any
            ? errors.Problem()
            : await store.ActAsync(id, PetitionAction.Close, (p, actor, now) => p.Close(r?.Note, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/close", (Guid id, Request r, ClosePetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("审核认定办结");
}
