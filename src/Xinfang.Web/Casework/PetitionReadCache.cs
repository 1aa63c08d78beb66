using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;

namespace Xinfang.Web.Casework;

/// <summary>
/// Items recently read, kept whole in memory and used again only while their stored <see cref="Petition.Version"/> is
/// the same (issue 16, ADR 0179). A lookup asks the database one indexed question, the item's version by its key, and
/// loads the aggregate (the item and its seven collections, eight statements) only when the version differs or the
/// item is not held. The database stays the judge: an item changed by another app process, a job or an administrator
/// is loaded again on the next lookup, because every change to an item changes its version
/// (<see cref="PetitionVersionRule"/>, and the organisation merge's bulk update). Nothing here decides who may see what:
/// the caller's rights are asked of <see cref="Identity.PetitionGuard"/> on every request, on the held aggregate.
/// Held items are read-only: views and the rules only read them; a use case that acts loads its own tracked copy.
/// </summary>
public sealed class PetitionReadCache : IDisposable
{
    private readonly DeadlineSettings _deadlines;

    /// <summary>Items held at most (<c>Xinfang:Casework:ReadCacheItems</c>); 0 turns the cache off.</summary>
    private readonly int _limit;

    private readonly MemoryCache _held;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Queries> _queries = new();

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Petition, ViewSlots> _views = new();

    public PetitionReadCache(DeadlineSettings deadlines, IConfiguration configuration)
    {
        _deadlines = deadlines;
        _limit = configuration.GetValue("Xinfang:Casework:ReadCacheItems", 5_000);
        _held = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _limit), CompactionPercentage = 0.2 });
    }

    /// <summary>The item by its key, not tracked, or null when there is none. The caller asks the view rule.</summary>
    public async Task<Petition?> ReadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        if (_limit == 0)
        {
            return await LoadAsync(db, id, ct);
        }

        var version = await QueriesFor(db).VersionById(db, id, ct);
        return version is { } v ? await HeldOrLoadAsync(db, id, v, ct) : null;
    }

    /// <summary>The item by its number (unique across the deployment), not tracked, or null.</summary>
    public async Task<Petition?> ReadByNumberAsync(AppDbContext db, string number, CancellationToken ct)
    {
        var stamp = await QueriesFor(db).StampByNumber(db, number, ct);
        return stamp is not null
            ? (_limit == 0 ? await LoadAsync(db, stamp.Id, ct) : await HeldOrLoadAsync(db, stamp.Id, stamp.Version, ct))
            : null;
    }

    private async Task<Petition?> HeldOrLoadAsync(AppDbContext db, Guid id, int version, CancellationToken ct)
    {
        // The calendar and policies an item was loaded with (PetitionClockInterceptor) are part of what is held: a
        // reload of the deadline settings makes every held item stale.
        var generation = _deadlines.Generation;
        if (_held.TryGetValue(id, out Held? held) && held!.Version == version && held.Generation == generation)
        {
            return held.Petition;
        }

        var petition = await LoadAsync(db, id, ct);
        if (petition is not null)
        {
            // Held under the version it was read with: a change between the two statements is seen at the next lookup.
            _held.Set(id, new Held(petition.Version, generation, petition), new MemoryCacheEntryOptions { Size = 1 });
        }

        return petition;
    }

    private static Task<Petition?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        db.PetitionsAcrossDeployment.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);

    public void Dispose() => _held.Dispose();

    /// <summary>
    /// The detail view of an item read here, made once per day, masking and organisation names (issue 16: building it
    /// again for every lookup of the same held item was 17 % of a held lookup's allocations). Kept beside
    /// the item itself, so a reloaded item (another version, other deadline settings) starts with no view. The view is
    /// shared between requests and only serialised.
    /// </summary>
    public PetitionDetail ViewOf(Petition petition, DateOnly today, IReadOnlyDictionary<Guid, string> names, bool mayReveal)
    {
        var slots = _views.GetValue(petition, static _ => new ViewSlots());
        var made = mayReveal ? slots.Revealed : slots.Masked;
        if (made is not null && made.Today == today && SameNames(made.Names, names))
        {
            return made.View;
        }

        var view = PetitionDetail.From(petition, today, names, mayReveal);
        made = new MadeView(today, names, view);
        if (mayReveal)
        {
            slots.Revealed = made;
        }
        else
        {
            slots.Masked = made;
        }

        return view;
    }

    private static bool SameNames(IReadOnlyDictionary<Guid, string> a, IReadOnlyDictionary<Guid, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (id, name) in a)
        {
            if (!b.TryGetValue(id, out var other) || !string.Equals(name, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private Queries QueriesFor(AppDbContext db) => _queries.GetOrAdd(db.Model, static _ => new Queries());

    private sealed record Held(int Version, long Generation, Petition Petition);

    private sealed record MadeView(DateOnly Today, IReadOnlyDictionary<Guid, string> Names, PetitionDetail View);

    /// <summary>The last view made of an item, masked and revealed (a race makes one twice; either is right).</summary>
    private sealed class ViewSlots
    {
        public volatile MadeView? Masked;
        public volatile MadeView? Revealed;
    }

    private sealed record Stamp(Guid Id, int Version);

    /// <summary>
    /// The two questions every lookup asks, compiled (issue 16): built as expression trees once, not on every call, and
    /// not funcletized and looked up in EF's query cache each time — a fifth of a held lookup's allocations before. One
    /// set per model, held by this app's cache: the read replica's contexts (ADR 0170) have a model of their own, and a
    /// compiled query runs on one model only.
    /// </summary>
    private sealed class Queries
    {
        public readonly Func<AppDbContext, Guid, CancellationToken, Task<int?>> VersionById = EF.CompileAsyncQuery(
            (AppDbContext db, Guid id, CancellationToken ct) => db.Set<Petition>().Where(p => p.Id == id).Select(p => (int?)p.Version).SingleOrDefault());

        public readonly Func<AppDbContext, string, CancellationToken, Task<Stamp?>> StampByNumber = EF.CompileAsyncQuery(
            (AppDbContext db, string number, CancellationToken ct) => db.Set<Petition>().Where(p => p.Number == number).Select(p => new Stamp(p.Id, p.Version)).SingleOrDefault());
    }
}
