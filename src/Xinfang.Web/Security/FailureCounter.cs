using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Security;

/// <summary>
/// The growing delay after repeated failures, counted per key in <c>query_code_attempts</c>: the first
/// <c>free</c> failures within the window cost nothing, then each one waits twice as long as the last,
/// up to a ceiling. One counter for the query-code guard (ADR 0051) and the sign-in throttle (issue 9
/// finding 7), so both count, race and forget the same way.
/// </summary>
internal static class FailureCounter
{
    /// <summary>Counts one failure under <paramref name="key"/>; returns the failures in the window and the wait it now costs (null: none).</summary>
    public static async Task<(int Failures, TimeSpan? Wait)> CountAsync(
        IServiceScopeFactory scopes, TimeProvider clock, string key, int free, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan window, CancellationToken ct)
    {
        // Optimistic: a concurrent update (another instance, the same key) makes us read again and recount.
        for (var attempt = 0; ; attempt++)
        {
            // Its own context: the caller's tracked entities (Identity's, the audit's) are not touched.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow();
            var row = await db.Set<QueryCodeAttempt>().SingleOrDefaultAsync(a => a.Key == key, ct);
            if (row is null)
            {
                row = new QueryCodeAttempt { Key = key };
                db.Add(row);
            }
            else if (now - row.LastFailureAt >= window && row.BlockedUntil <= now)
            {
                row.Failures = 0;
            }

            row.Failures++;
            row.LastFailureAt = now;
            row.Version++;
            TimeSpan? wait = null;
            if (row.Failures > free)
            {
                var doublings = Math.Min(row.Failures - free - 1, 20);
                var delay = TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << doublings), maxDelay.Ticks));
                row.BlockedUntil = now + delay;
                wait = delay;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                if (row.Failures == 1 && Random.Shared.Next(32) == 0)
                {
                    // Counters past their window are worth nothing: remove them now and then.
                    var before = now - window;
                    await db.Set<QueryCodeAttempt>().Where(a => a.LastFailureAt < before && a.BlockedUntil < now).ExecuteDeleteAsync(ct);
                }

                return (row.Failures, wait);
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Lost a race (a concurrent insert or update of the same key): read again.
            }
        }
    }
}
