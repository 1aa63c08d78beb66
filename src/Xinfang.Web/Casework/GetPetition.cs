using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>One item with its history, documents and clocks, by id or by number.</summary>
public sealed class GetPetition(AppDbContext db, PetitionStore store, PetitionReadCache held, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock)
{
    public async Task<IResult> ByIdAsync(Guid id, CancellationToken ct) =>
        await ViewAsync(await store.ReadAsync(id, ct), ct);

    public async Task<IResult> ByNumberAsync(string number, CancellationToken ct)
    {
        if (number.Length > 48)
        {
            return Answers.NotFound();
        }

        // One read by the number (no query for the id first, issue 16).
        return await ViewAsync(await store.ReadByNumberAsync(number, ct), ct);
    }

    private async Task<IResult> ViewAsync(Domain.Petitions.Petition? petition, CancellationToken ct)
    {
        // An item outside the staff member's scope is answered as unknown: its existence is not disclosed
        // (the store asked the view rule before answering it).
        if (petition is null)
        {
            return Answers.NotFound();
        }

        var names = await OrganizationNames.LoadAsync(db, directory, PetitionRelations.Organizations(petition), ct);
        return TypedResults.Ok(held.ViewOf(petition, DeadlineTime.LocalDate(clock.GetUtcNow()), names,
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
