using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>审核认定办结.</summary>
public sealed class ClosePetition(PetitionStore store)
{
    /// <summary><paramref name="Resolution"/>: 化解情况 (issue 12), optional; given, it needs <paramref name="ResolutionReason"/>.</summary>
    public sealed record Request(string? Note, DateOnly? OccurredOn = null, Resolution? Resolution = null, string? ResolutionReason = null);

    public async Task<IResult> HandleAsync(Guid id, Request? r, CancellationToken ct) => (await CloseAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> CloseAsync(Guid id, Request? r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r?.Note, "note", "备注", Petition.MaxNoteLength, required: false).OccurredOn(r?.OccurredOn);
        if (r?.Resolution is { } resolution)
        {
            // Optional (ADR 0081): only a value given is checked.
            errors.Defined<Resolution>(resolution, "resolution", "化解情况");
        }

        errors.Text(r?.ResolutionReason, "resolutionReason", "化解情况说明", Petition.MaxNoteLength, required: r?.Resolution is not null);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Close, (p, actor, now) => p.Close(r?.Note, actor, now, r?.OccurredOn, r?.Resolution, r?.ResolutionReason), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/close", (Guid id, Request? r, ClosePetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("审核认定办结");
}
