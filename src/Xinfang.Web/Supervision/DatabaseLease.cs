using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Supervision;

/// <summary>
/// A lease in the database so that of several app instances only one runs a job (the sweeper). Taken
/// with one conditional upsert — insert the row, or take it over if it is ours or has expired — that
/// SQLite (≥ 3.24) and PostgreSQL both run atomically: of two racing instances exactly one sees a
/// changed row. See docs/adr/0030-supervision-sweeper-and-lease.md.
/// </summary>
public static class DatabaseLease
{
    /// <summary>Acquires or renews <paramref name="name"/> for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>; false if another holder's lease is still running.</summary>
    public static async Task<bool> TryAcquireAsync(AppDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var nowUtc = now.UtcDateTime;
        var expires = now.Add(duration).UtcDateTime;
        var changed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO leases ("Name", "Holder", "ExpiresAtUtc") VALUES ({name}, {holder}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAtUtc" = excluded."ExpiresAtUtc"
            WHERE leases."Holder" = excluded."Holder" OR leases."ExpiresAtUtc" <= {nowUtc}
            """,
            ct);
        return changed == 1;
    }

    /// <summary>Gives the lease up early (on shutdown) so another instance need not wait for it to expire.</summary>
    public static Task<int> ReleaseAsync(AppDbContext db, string name, string holder, CancellationToken ct) =>
        db.Set<Lease>().Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
}
