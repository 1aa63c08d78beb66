using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Privacy;

/// <summary>
/// Shows one petitioner's full ID number, phone and address (ADR 0043). Lists and the detail show
/// them masked; seeing them in full is a deliberate act of a staff member who may view the item,
/// recorded in the audit trail (<see cref="AuditKinds.PersonalDataViewed"/>) before the answer
/// leaves. A POST, so it is never prefetched, cached or repeated by a link; the answer is no-store.
/// </summary>
public sealed class RevealPersonalData(AppDbContext db, PetitionStore store, CurrentStaff staff, PetitionGuard guard, AuditLog audit)
{
    public sealed record Response(int Ordinal, string? Name, IdDocumentType IdType, string? IdNumber, string? Phone, string? Address);

    public async Task<IResult> HandleAsync(Guid id, int ordinal, HttpContext http, CancellationToken ct)
    {
        var petition = await store.FindAsync(id, ct);
        // Outside the caller's scope the item is unknown, as in GetPetition: its existence is not disclosed.
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return Answers.NotFound();
        }

        if (!await guard.MayAsync(petition, PetitionOperation.RevealPersonalData))
        {
            return Answers.Forbidden("本岗位不能查看完整的个人信息");
        }

        var person = petition.Petitioners.SingleOrDefault(p => p.Ordinal == ordinal);
        if (person is null)
        {
            return Answers.NotFound("信访人");
        }

        await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.PersonalDataViewed, petition.Id.ToString(), petition.Number,
            $"查看第{ordinal}位信访人的完整证件号码、电话和住址"), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Response(person.Ordinal, person.Name, person.IdType, person.IdNumber, person.Phone, person.Address));
    }

    public static void Map(RouteGroupBuilder petitions) =>
        petitions.MapPost("/{id:guid}/petitioners/{ordinal:int}/reveal",
                (Guid id, int ordinal, HttpContext http, RevealPersonalData uc, CancellationToken ct) => uc.HandleAsync(id, ordinal, http, ct))
            .WithSummary("查看信访人完整的证件号码、电话和住址（记入审计）").Produces<Response>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
