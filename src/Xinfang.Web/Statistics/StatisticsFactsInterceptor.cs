using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;

namespace Xinfang.Web.Statistics;

/// <summary>
/// Keeps <c>statistics_facts</c> in step with the items (ADR 0080): in the same <c>SaveChanges</c> (so the
/// same transaction) that adds or changes a petition, its fact row is built again from the item, and a
/// new 重件 marks its 初件 as repeated. No use case knows of it; <see cref="StatisticsFactsMaintenance"/>
/// rebuilds and checks the table. Also appends the change of the monthly aggregates (<see cref="MonthlyAggregates"/>,
/// ADR 0122): the new row's contributions minus the old row's, in the same transaction.
/// </summary>
public sealed class StatisticsFactsInterceptor(StatisticsSettings settings) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await KeepInStepAsync(db, settings, cancellationToken);
        }

        return result;
    }

    private static async Task KeepInStepAsync(AppDbContext db, StatisticsSettings settings, CancellationToken ct)
    {
        var entries = db.ChangeTracker.Entries<Petition>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => (e.Entity, Added: e.State == EntityState.Added))
            .ToList();
        var changed = entries.Select(e => e.Entity).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var ids = changed.Select(p => p.Id).ToList();
        var facts = db.Set<ItemFacts>();
        // Only an item saved before has a fact row, or a 重件 pointing at it in the table (issue 16): an item being added
        // (a registration) has neither, so its save reads nothing here — its 重件 can only be in this same save.
        var stored = entries.Where(e => !e.Added).Select(e => e.Entity.Id).ToList();
        var existing = stored.Count == 0 ? [] : await facts.Where(f => stored.Contains(f.PetitionId)).ToDictionaryAsync(f => f.PetitionId, ct);
        var repeated = (stored.Count == 0 ? [] : await facts.Where(f => f.FirstItemId != null && stored.Contains(f.FirstItemId.Value)).Select(f => f.FirstItemId!.Value).ToListAsync(ct))
            .Concat(changed.Where(p => p.FirstItemId is not null).Select(p => p.FirstItemId!.Value))
            .ToHashSet();
        var kinds = await KindsAsync(db, changed.Select(p => p.RegisteringOrganizationId).Distinct().ToList(), ct);
        // stats-aggregates (ADR 0122): what the changed rows take out of and add to the monthly aggregates, appended as delta rows.
        var delta = new Dictionary<MonthlyAggregates.Key, Dictionary<string, long>>();
        foreach (var p in changed)
        {
            var fresh = ItemFacts.Of(p, kinds.GetValueOrDefault(p.RegisteringOrganizationId), repeated.Contains(p.Id) || (existing.TryGetValue(p.Id, out var e) && e.RepeatedLater));
            MonthlyAggregates.Add(delta, MonthlyAggregates.Of(fresh, settings), 1);
            if (existing.TryGetValue(p.Id, out var row))
            {
                MonthlyAggregates.Add(delta, MonthlyAggregates.Of(row, settings), -1);
                row.CopyFrom(fresh);
            }
            else
            {
                facts.Add(fresh);
            }
        }

        // A 重件 just registered (or linked to its 初件 by 不再受理) makes the 初件 "not closed at one go".
        var firsts = changed.Where(p => p.FirstItemId is not null).Select(p => p.FirstItemId!.Value).Except(ids).Distinct().ToList();
        if (firsts.Count > 0)
        {
            foreach (var first in await facts.Where(f => firsts.Contains(f.PetitionId) && !f.RepeatedLater).ToListAsync(ct))
            {
                MonthlyAggregates.Add(delta, MonthlyAggregates.Of(first, settings), -1);
                first.RepeatedLater = true;
                MonthlyAggregates.Add(delta, MonthlyAggregates.Of(first, settings), 1);
            }
        }

        // Appended, never updated in place: concurrent saves touching the same month and bodies cannot lose each
        // other's sums (MonthlyAggregates.CompactAsync merges them later).
        db.Set<StatisticsMonth>().AddRange(MonthlyAggregates.Rows(delta, MonthlyAggregates.Layout(settings)));
    }

    /// <summary>The kinds of the registering bodies: those added in this save first, the rest from the table (small).</summary>
    internal static async Task<Dictionary<Guid, OrganizationKind>> KindsAsync(AppDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var kinds = db.ChangeTracker.Entries<Organization>().Where(e => ids.Contains(e.Entity.Id)).ToDictionary(e => e.Entity.Id, e => e.Entity.Kind);
        var rest = ids.Where(id => !kinds.ContainsKey(id)).ToList();
        if (rest.Count > 0)
        {
            foreach (var o in await db.Organizations.AsNoTracking().Where(o => rest.Contains(o.Id)).Select(o => new { o.Id, o.Kind }).ToListAsync(ct))
            {
                kinds[o.Id] = o.Kind;
            }
        }

        return kinds;
    }
}
