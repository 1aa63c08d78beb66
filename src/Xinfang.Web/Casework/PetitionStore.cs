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
public sealed class PetitionStore(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, OrganizationDirectory directory, PetitionReadCache held)
{
    /// <summary>The item, tracked, if the caller may see it; null otherwise (see <see cref="ReadAsync"/> for how).</summary>
    public Task<Petition?> FindAsync(Guid id, CancellationToken ct) => VisibleAsync(db.PetitionsAcrossDeployment.AsSplitQuery(), id, ct);

    /// <summary>
    /// The item, not tracked (a lookup that changes nothing), if the caller may see it; null otherwise.
    /// Read by its key across the deployment, from <see cref="PetitionReadCache"/> while its stored version is unchanged,
    /// then the view rule is asked in memory (<see cref="PetitionGuard.MayAsync"/>, <see cref="PetitionRules"/>: the same
    /// rule <see cref="PetitionGuard.Petitions"/> applies in SQL, kept equal by a test) before anything of it is used.
    /// Filtering in SQL as well sent the caller's whole jurisdiction (thousands of ids for a province) as a parameter to
    /// each of the eight statements of the split query (issue 16, ADR 0154).
    /// </summary>
    public async Task<Petition?> ReadAsync(Guid id, CancellationToken ct) => await ViewableAsync(await held.ReadAsync(db, id, ct));

    /// <summary>As <see cref="ReadAsync"/>, by the item's number (unique across the deployment: the registering body's code is in it).</summary>
    public async Task<Petition?> ReadByNumberAsync(string number, CancellationToken ct) => await ViewableAsync(await held.ReadByNumberAsync(db, number, ct));

    private async Task<Petition?> ViewableAsync(Petition? petition) =>
        petition is not null && await guard.MayAsync(petition, PetitionOperation.View) ? petition : null;

    private async Task<Petition?> VisibleAsync(IQueryable<Petition> petitions, Guid id, CancellationToken ct)
    {
        var petition = await petitions.SingleOrDefaultAsync(p => p.Id == id, ct);
        return petition is not null && await guard.MayAsync(petition, PetitionOperation.View) ? petition : null;
    }

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
        // An item the caller may not see is answered as unknown: its existence is not disclosed (FindAsync asked).
        if (petition is null)
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
        var names = await OrganizationNames.LoadAsync(db, directory, PetitionRelations.Organizations(petition), ct);
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

/// <summary>Organisation names for views, loaded in one query, or read from the tree in memory.</summary>
public static class OrganizationNames
{
    /// <summary>
    /// The names from the organisation tree in memory (<see cref="OrganizationDirectory"/>, reloaded whenever an
    /// administrator changes an organisation): no query for the few bodies an item has been with (issue 16). A body
    /// the tree does not know yet (added behind the app's back) is read from the database.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(AppDbContext db, OrganizationDirectory directory, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        List<Guid>? unknown = null;
        foreach (var id in ids)
        {
            if (directory.NameOf(id) is { } name)
            {
                names[id] = name;
            }
            else
            {
                (unknown ??= []).Add(id);
            }
        }

        if (unknown is not null)
        {
            foreach (var (id, name) in await LoadAsync(db, unknown, ct))
            {
                names[id] = name;
            }
        }

        return names;
    }

    public static async Task<IReadOnlyDictionary<Guid, string>> LoadAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
