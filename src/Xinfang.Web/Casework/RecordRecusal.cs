using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// 回避 (条例 Art. 28): a registrar of the bureau or the head of the unit marks an officer with a
/// direct interest; from then on that officer can neither open nor act on the item.
/// </summary>
public sealed class RecordRecusal(PetitionStore store, PetitionGuard guard, AppDbContext db, CurrentStaff staff, TimeProvider clock)
{
    public sealed record Request(string? UserId, string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await RecordAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both record a recusal here.</summary>
    public async Task<ActOutcome> RecordAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.UserId, "userId", "回避人员", 64).Text(r.Reason, "reason", "回避理由", Petition.MaxNoteLength);
        var officer = string.IsNullOrWhiteSpace(r.UserId) ? null : await db.Users.FindAsync([r.UserId], ct);
        if (!errors.Any && officer is null)
        {
            errors.Add("userId", "该工作人员不存在");
        }

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        var petition = await store.FindAsync(id, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return ActOutcome.NotFound;
        }

        if (!await guard.MayAsync(petition, PetitionOperation.RecordRecusal))
        {
            return ActOutcome.Forbidden("只有信访部门登记人员或承办单位负责人可以登记回避");
        }

        var version = petition.Version;
        var now = clock.GetUtcNow();
        petition.RecordRecusal(officer!.Id, officer.DisplayName, r.Reason!, staff.Actor, now);
        await PetitionStore.SaveAsync(db, petition, version, ct);
        var names = await OrganizationNames.LoadAsync(db, PetitionRelations.Organizations(petition), ct);
        return ActOutcome.Done(PetitionDetail.From(petition, DeadlineTime.LocalDate(now), names,
            await guard.MayAsync(petition, PetitionOperation.RevealPersonalData)));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/recusals", (Guid id, Request r, RecordRecusal uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("登记回避（条例第二十八条）");
}
