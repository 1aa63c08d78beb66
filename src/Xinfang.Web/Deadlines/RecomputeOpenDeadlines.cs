using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Deadlines;

/// <summary>
/// After a calendar or policy change, every item with a running clock is recomputed by the domain
/// (Petition.Recompute), in batches by key so memory stays flat, and each item records what moved.
/// </summary>
public sealed class RecomputeOpenDeadlines(AppDbContext db, DeadlineSettings settings, TimeProvider clock)
{
    public const int BatchSize = 200;

    public sealed record Result(int Examined, int Changed);

    public async Task<Result> RunAsync(string reason, Actor actor, IReadOnlyCollection<Guid>? registeringOrganizations, CancellationToken ct)
    {
        var examined = 0;
        var changed = 0;
        for (var page = 0; ; page++)
        {
            // Recomputing never stops a clock, so the set paged through stays the same while it runs.
            // A settings change recomputes every open clock of the deployment: a job, nothing is shown.
            var query = db.PetitionsAcrossDeployment.Where(p => p.CurrentDueAtUtc != null);
            if (registeringOrganizations is not null)
            {
                query = query.Where(p => registeringOrganizations.Contains(p.RegisteringOrganizationId));
            }

            var batch = await query.OrderBy(p => p.Id).Skip(page * BatchSize).Take(BatchSize).AsSplitQuery().ToListAsync(ct);
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
        }
    }
}
