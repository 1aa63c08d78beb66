using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>One item with its history, documents and clocks, by id or by number.</summary>
public sealed class GetPetition(AppDbContext db, PetitionStore store, PetitionGuard guard, TimeProvider clock)
{
    public async Task<IResult> ByIdAsync(Guid id, CancellationToken ct) =>
        await ViewAsync(await store.FindAsync(id, ct), ct);

    public async Task<IResult> ByNumberAsync(string number, CancellationToken ct)
    {
        if (number.Length > 48)
        {
            return Answers.NotFound();
        }

        var id = await guard.Petitions.AsNoTracking().Where(p => p.Number == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        return id is null ? Answers.NotFound() : await ByIdAsync(id.Value, ct);
    }

    private async Task<IResult> ViewAsync(Domain.Petitions.Petition? petition, CancellationToken ct)
    {
        // An item outside the staff member's scope is answered as unknown: its existence is not disclosed.
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return Answers.NotFound();
        }

        var names = await OrganizationNames.LoadAsync(db, PetitionRelations.Organizations(petition), ct);
        return TypedResults.Ok(PetitionDetail.From(petition, DeadlineTime.LocalDate(clock.GetUtcNow()), names,
            await guard.MayAsync(petition, PetitionOperation.RevealPersonalData)));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, GetPetition uc, CancellationToken ct) => uc.ByIdAsync(id, ct))
            .WithName("GetPetition").WithSummary("查看信访件（含办理过程）").Produces<PetitionDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/by-number/{number}", (string number, GetPetition uc, CancellationToken ct) => uc.ByNumberAsync(number, ct))
            .WithSummary("按编号查看信访件").Produces<PetitionDetail>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
