using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Audit;

/// <summary>An entry to append: everything but the sequence and the hashes, which the chain assigns.</summary>
public sealed record AuditDraft(
    string Kind,
    string ActorId,
    string ActorName,
    string? ActorOrganizationId,
    string? SubjectId,
    string? Subject,
    string Summary);

/// <summary>
/// Appends to the audit chain (ADR 0042). Every append runs inside a database transaction and first
/// takes the next sequence numbers by updating the one-row chain head — the row lock (PostgreSQL)
/// or the write lock (SQLite) makes concurrent appenders, in one process or several, wait for each
/// other, so the chain stays one line. The entries commit or roll back with the caller's changes.
/// Raw SQL, not the change tracker, so appending never saves unrelated tracked changes.
/// </summary>
public sealed class AuditLog(TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>
    /// The one place an entry learns the client's address: the current request's remote address,
    /// after the forwarded-headers middleware (which trusts only configured proxies) has run.
    /// </summary>
    private string? ClientAddress() =>
        http.HttpContext?.Connection.RemoteIpAddress is { } ip
            ? AuditEntry.Clip((ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(), AuditEntry.MaxClientAddress)
            : null;

    /// <summary>
    /// Appends inside the context's current transaction if there is one (the entry commits with the
    /// caller's work), else in a transaction of its own, committed before returning.
    /// </summary>
    public async Task RecordAsync(AppDbContext db, AuditDraft draft, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await AppendAsync(db, [draft], ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AppendAsync(db, [draft], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Saves the context's changes and appends <paramref name="draft"/> in one transaction: both are kept, or neither.</summary>
    public async Task SaveAsync(AppDbContext db, AuditDraft draft, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            await AppendAsync(db, [draft], ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AppendAsync(db, [draft], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A staff sign-in attempt, successful or not. The password is never passed here.</summary>
    public async Task SignInAsync(AppDbContext db, string? userName, Microsoft.AspNetCore.Identity.SignInResult result, CancellationToken ct)
    {
        var typed = AuditEntry.Clip(userName?.Trim(), 64);
        var normalized = typed.ToUpperInvariant();
        var user = typed.Length == 0 ? null : await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.DisplayName, u.OrganizationId })
            .SingleOrDefaultAsync(ct);
        var (kind, summary) = result switch
        {
            { Succeeded: true } => (AuditKinds.SignIn, "登录成功"),
            { IsLockedOut: true } => (AuditKinds.SignInFailed, "登录失败：账号已锁定"),
            { RequiresTwoFactor: true } => (AuditKinds.SignInFailed, "密码正确，待二次验证"),
            { IsNotAllowed: true } => (AuditKinds.SignInFailed, "登录失败：账号不允许登录"),
            _ when user is null => (AuditKinds.SignInFailed, "登录失败：账号不存在"),
            _ => (AuditKinds.SignInFailed, "登录失败：密码错误"),
        };
        await RecordAsync(db, new AuditDraft(kind, user?.Id ?? string.Empty, user?.DisplayName ?? string.Empty,
            user?.OrganizationId.ToString(), typed, null, summary), ct);
    }

    /// <summary>Appends the drafts in order; the context must be inside a transaction.</summary>
    public async Task AppendAsync(AppDbContext db, IReadOnlyList<AuditDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit entries are appended inside a transaction.");
        var connection = transaction.Connection!;
        var at = AuditEntry.Truncate(clock.GetUtcNow());
        var address = ClientAddress();

        // 1. Take the sequence numbers: this UPDATE is the lock that serialises appenders.
        long last;
        string previous;
        await using (var reserve = RawSql.Command(connection, transaction,
            $"""UPDATE "{AuditModel.HeadTable}" SET "LastSequence" = "LastSequence" + @n WHERE "Id" = 1 RETURNING "LastSequence", "LastHash" """))
        {
            RawSql.Add(reserve, "@n", (long)drafts.Count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"The audit chain head row is missing from {AuditModel.HeadTable}.");
            }

            last = reader.GetInt64(0);
            previous = reader.GetString(1);
        }

        // 2. Write the entries, each chained to the one before.
        var sequence = last - drafts.Count;
        foreach (var d in drafts)
        {
            sequence++;
            var actorId = AuditEntry.Clip(d.ActorId, 64);
            var actorName = AuditEntry.Clip(d.ActorName, 100);
            var subjectId = d.SubjectId is null ? null : AuditEntry.Clip(d.SubjectId, 64);
            var subject = d.Subject is null ? null : AuditEntry.Clip(d.Subject, 100);
            var summary = AuditEntry.Clip(d.Summary, 500);
            var hash = AuditEntry.ComputeHash(sequence, at, actorId, actorName, d.ActorOrganizationId, d.Kind, subjectId, subject, summary, address, previous);
            await using var insert = RawSql.Command(connection, transaction,
                $"""
                INSERT INTO "{AuditModel.EntriesTable}" ("Sequence", "At", "ActorId", "ActorName", "ActorOrganizationId", "Kind", "SubjectId", "Subject", "Summary", "ClientAddress", "PreviousHash", "Hash")
                VALUES (@seq, @at, @actorId, @actorName, @org, @kind, @subjectId, @subject, @summary, @address, @prev, @hash)
                """);
            RawSql.Add(insert, "@seq", sequence);
            RawSql.Add(insert, "@at", at.UtcDateTime);
            RawSql.Add(insert, "@actorId", actorId);
            RawSql.Add(insert, "@actorName", actorName);
            RawSql.Add(insert, "@org", d.ActorOrganizationId);
            RawSql.Add(insert, "@kind", d.Kind);
            RawSql.Add(insert, "@subjectId", subjectId);
            RawSql.Add(insert, "@subject", subject);
            RawSql.Add(insert, "@summary", summary);
            RawSql.Add(insert, "@address", address);
            RawSql.Add(insert, "@prev", previous);
            RawSql.Add(insert, "@hash", hash);
            await insert.ExecuteNonQueryAsync(ct);
            previous = hash;
        }

        // 3. Move the head's hash to the last entry.
        await using var head = RawSql.Command(connection, transaction, $"""UPDATE "{AuditModel.HeadTable}" SET "LastHash" = @hash WHERE "Id" = 1""");
        RawSql.Add(head, "@hash", previous);
        await head.ExecuteNonQueryAsync(ct);
    }


}

/// <summary>The signed-in staff member as an audit actor.</summary>
public static class AuditActors
{
    public static AuditDraft Draft(CurrentStaff staff, string kind, string? subjectId, string? subject, string summary) =>
        new(kind, staff.UserId, staff.ActingName, staff.OrganizationId.ToString(), subjectId, subject, summary);
}
