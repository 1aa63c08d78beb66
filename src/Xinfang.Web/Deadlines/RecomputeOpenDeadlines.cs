using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Deadlines;

/// <summary>
/// After a calendar or policy change, every item with a running clock is recomputed by the domain
/// (Petition.Recompute), in batches by key so memory stays flat, and each item records what moved.
/// Batches follow the key (after the last id read), not OFFSET: a recompute over n open clocks reads n items, not n²/batch.
/// </summary>
public sealed class RecomputeOpenDeadlines(AppDbContext db, DeadlineSettings settings, TimeProvider clock)
{
    public const int BatchSize = 200;

    public sealed record Result(int Examined, int Changed);

    public async Task<Result> RunAsync(string reason, Actor actor, IReadOnlyCollection<Guid>? registeringOrganizations, CancellationToken ct)
    {
        var examined = 0;
        var changed = 0;
        Guid? after = null;
        while (true)
        {
            // Recomputing never stops a clock, so the set paged through stays the same while it runs.
            // A settings change recomputes every open clock of the deployment: a job, nothing is shown.
            var query = db.PetitionsAcrossDeployment.Where(p => p.CurrentDueAtUtc != null);
            if (registeringOrganizations is not null)
            {
                query = query.Where(p => registeringOrganizations.Contains(p.RegisteringOrganizationId));
            }

            if (after is { } last)
            {
                query = query.Where(p => p.Id.CompareTo(last) > 0);
            }

            var batch = await query.OrderBy(p => p.Id).Take(BatchSize).AsSplitQuery().ToListAsync(ct);
            if (batch.Count == 0)
            {
                return new Result(examined, changed);
            }

            var now = clock.GetUtcNow();
            foreach (var petition in batch)
            {
                examined++;
                if (petition.Recompute(settings.Calendar, settings.PolicyFor(petition.RegisteringOrganizationId), reason, actor, now) > 0)
                {
                    changed++;
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
    }
}
