using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// Loads an item, checks that the signed-in staff member may take the action, runs the domain
/// method with the current time, and saves — the same four steps for every casework use case.
/// </summary>
public sealed class PetitionStore(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    /// <summary>The item, tracked, if the caller may see it (the scoped entry point, <see cref="PetitionGuard.Petitions"/>); null otherwise.</summary>
    public Task<Petition?> FindAsync(Guid id, CancellationToken ct) =>
        guard.Petitions.AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Saves an acted-on item. Two officers acting at once both append history entry N+1, so the
    /// loser may fail on the history key before EF reaches the version check: either way it is the
    /// same lost race, reported as a concurrency conflict (409), never as a server error.
    /// </summary>
    public static async Task SaveAsync(AppDbContext db, Petition petition, int loadedVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The item this caller just loaded through its scope: its stored version, to tell a lost race.
            var stored = await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => p.Id == petition.Id).Select(p => p.Version).SingleOrDefaultAsync(ct);
            if (stored != loadedVersion)
            {
                throw new DbUpdateConcurrencyException("信访件已被他人修改", e);
            }

            throw;
        }
    }

    public async Task<IResult> ActAsync(Guid id, PetitionAction action, Action<Petition, Actor, DateTimeOffset> act, CancellationToken ct) =>
        (await TryActAsync(id, action, act, ct)).ToResult();

    /// <summary>
    /// The four steps, answered as an <see cref="ActOutcome"/> so the API and the petition page
    /// (<c>/petitions/{id}</c>) act through the same code. A rule the domain refuses is still thrown
    /// (<see cref="DomainRuleViolation"/>): the API turns it into a 409, the page shows its message.
    /// </summary>
    public async Task<ActOutcome> TryActAsync(Guid id, PetitionAction action, Action<Petition, Actor, DateTimeOffset> act, CancellationToken ct)
    {
        var petition = await FindAsync(id, ct);
        // An item the caller may not see is answered as unknown: its existence is not disclosed.
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return ActOutcome.NotFound;
        }

        if (!await guard.MayAsync(petition, PetitionOperation.Act(action)))
        {
            return ActOutcome.Forbidden($"本单位不是该信访件“{Lifecycle.NameOf(action)}”操作的责任方");
        }

        var now = clock.GetUtcNow();
        var loadedVersion = petition.Version;
        act(petition, staff.Actor, now);
        await SaveAsync(db, petition, loadedVersion, ct);
        var names = await OrganizationNames.LoadAsync(db, PetitionRelations.Organizations(petition), ct);
        return ActOutcome.Done(PetitionDetail.From(petition, DeadlineTime.LocalDate(now), names,
            await guard.MayAsync(petition, PetitionOperation.RevealPersonalData)));
    }
}

/// <summary>What an action on an item gave: the item after it, the bad fields (nothing saved), or a refusal (nothing saved).</summary>
public sealed record ActOutcome(PetitionDetail? Petition, RequestErrors? Errors, int RefusedStatus, string? RefusedBecause)
{
    public static ActOutcome NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到该信访件");

    public static ActOutcome Done(PetitionDetail petition) => new(petition, null, 0, null);

    public static ActOutcome Invalid(RequestErrors errors) => new(null, errors, 0, null);

    public static ActOutcome Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    /// <summary>The API's answer: 200 with the item, 400 naming the fields, 404 or 403.</summary>
    public IResult ToResult() => this switch
    {
        { Petition: { } p } => TypedResults.Ok(p),
        { Errors: { } e } => e.Problem(),
        { RefusedStatus: StatusCodes.Status404NotFound } => Answers.NotFound(),
        _ => Answers.Forbidden(RefusedBecause!),
    };
}

/// <summary>Organisation names for views, loaded in one query.</summary>
public static class OrganizationNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
