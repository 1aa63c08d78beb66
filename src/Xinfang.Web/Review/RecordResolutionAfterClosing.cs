using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Review;

/// <summary>
/// 化解情况 recorded after closing (issue 12, stats-reviews): an item closed by the deadline sweeper or closed
/// without an outcome gets one, with its reason, so that it enters the 化解率 (docs/domain/statistics.md). Who:
/// <see cref="PetitionOperation.RecordResolution"/> (the body holding the closed item, or a bureau above it);
/// the rules of the step: <see cref="Petition.RecordResolutionAfterClosing"/>. The history line it appends is
/// audited (AuditInterceptor) and the fact row is rebuilt in the same save (StatisticsFactsInterceptor).
/// The API (<c>POST /api/petitions/{id}/resolution</c>) and the form on the petition page act here.
/// </summary>
public sealed class RecordResolutionAfterClosing(PetitionStore store, AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public sealed record Request(Resolution? Resolution, string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request? r, CancellationToken ct) => (await RecordAsync(id, r, ct)).ToResult();

    public async Task<ActOutcome> RecordAsync(Guid id, Request? r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r?.Resolution, "resolution", "化解情况")
            .Text(r?.Reason, "reason", "化解情况说明", Petition.MaxNoteLength);
        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        var petition = await store.FindAsync(id, ct);
        // An item the caller may not see is answered as unknown: its existence is not disclosed.
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return ActOutcome.NotFound;
        }

        if (!await guard.MayAsync(petition, PetitionOperation.RecordResolution))
        {
            return ActOutcome.Forbidden("只有办结该信访件的机关或其上级信访部门可以补记化解情况");
        }

        var now = clock.GetUtcNow();
        var loadedVersion = petition.Version;
        petition.RecordResolutionAfterClosing(r!.Resolution!.Value, r.Reason!, staff.Actor, now);
        await PetitionStore.SaveAsync(db, petition, loadedVersion, ct);
        var names = await OrganizationNames.LoadAsync(db, PetitionRelations.Organizations(petition), ct);
        return ActOutcome.Done(PetitionDetail.From(petition, DeadlineTime.LocalDate(now), names,
            await guard.MayAsync(petition, PetitionOperation.RevealPersonalData)));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/resolution", (Guid id, Request? r, RecordResolutionAfterClosing uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithTags("信访件").WithSummary("办结后补记化解情况");
}
