using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Audit;

/// <summary>Why the chain is broken at an entry.</summary>
public enum AuditBreak
{
    /// <summary>The entry's stored hash is not the hash of its fields: it was changed after it was written.</summary>
    HashMismatch,
    /// <summary>No entry carries this sequence number: it was deleted (or never committed alongside the head).</summary>
    MissingSequence,
    /// <summary>The entry's previous hash is not the hash of the entry before it: one of the two was replaced.</summary>
    PreviousHashMismatch,
    /// <summary>The chain head does not match the last entry: entries were appended or removed around it.</summary>
    HeadMismatch,
}

/// <summary>The outcome of a walk along the chain; <see cref="BrokenAt"/> names the first bad entry.</summary>
public sealed record AuditVerification(
    bool Intact,
    long Checked,
    long LastSequence,
    string LastHash,
    long? BrokenAt,
    AuditBreak? Problem,
    string Message);

/// <summary>
/// Walks the audit chain from the first entry (ADR 0042). The head is read first, so entries
/// appended while the walk runs are left for the next one and never look like a break.
/// </summary>
public sealed class AuditVerifier(AppDbContext db)
{
    public const int PageSize = 2_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var head = await db.AuditChainHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null)
        {
            return Broken(0, AuditEntry.Genesis, 0, 1, AuditBreak.HeadMismatch, "审计链头记录缺失（audit_chain_head 表中没有 Id = 1 的行）");
        }

        var expected = 1L;
        var previous = AuditEntry.Genesis;
        var checkedCount = 0L;
        while (true)
        {
            var after = expected - 1;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after && e.Sequence <= head.LastSequence)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page)
            {
                if (e.Sequence != expected)
                {
                    return Broken(checkedCount, previous, expected - 1, expected, AuditBreak.MissingSequence,
                        $"第 {expected} 条审计记录缺失（missing sequence）：下一条是第 {e.Sequence} 条");
                }

                if (!string.Equals(e.Recompute(), e.Hash, StringComparison.Ordinal))
                {
                    return Broken(checkedCount, previous, expected - 1, e.Sequence, AuditBreak.HashMismatch,
                        $"第 {e.Sequence} 条审计记录的哈希不符（hash mismatch）：该记录写入后被修改或挪动");
                }

                if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
                {
                    return Broken(checkedCount, previous, expected - 1, e.Sequence, AuditBreak.PreviousHashMismatch,
                        $"第 {e.Sequence} 条审计记录的前一哈希不符（previous-hash mismatch）：它与第 {e.Sequence - 1} 条之间的链被替换");
                }

                previous = e.Hash;
                expected++;
                checkedCount++;
            }
        }

        var last = expected - 1;
        if (last < head.LastSequence)
        {
            return Broken(checkedCount, previous, last, expected, AuditBreak.MissingSequence,
                $"第 {expected} 条审计记录缺失（missing sequence）：链头记录到第 {head.LastSequence} 条");
        }

        if (!string.Equals(head.LastHash, previous, StringComparison.Ordinal))
        {
            return Broken(checkedCount, previous, last, last, AuditBreak.HeadMismatch,
                $"链头的哈希与第 {last} 条审计记录不符（head mismatch）");
        }

        return new AuditVerification(true, checkedCount, last, previous, null, null,
            last == 0 ? "审计链为空，完整" : $"审计链完整：共 {checkedCount} 条，最后一条第 {last} 条，哈希 {previous}");
    }

    private static AuditVerification Broken(long checkedCount, string lastHash, long lastGood, long at, AuditBreak problem, string message) =>
        new(false, checkedCount, lastGood, lastHash, at, problem, message);
}
