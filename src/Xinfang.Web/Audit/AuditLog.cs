using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
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
/// Entries for saved history entries are queued by <see cref="AuditInterceptor"/> and chained as their
/// transaction commits (ADR 0174), so the head is held for the chaining and the commit only.
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

    /// <summary>
    /// Appends the drafts in order; the context must be inside a transaction. Entries the interceptor queued for this
    /// transaction (its saved history entries) are chained first, so the chain keeps the order things were recorded in.
    /// </summary>
    public async Task AppendAsync(AppDbContext db, IReadOnlyList<AuditDraft> drafts, CancellationToken ct)
    {
        var current = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit entries are appended inside a transaction.");
        var all = Take(db, current.TransactionId);
        all.AddRange(drafts);
        await ChainAsync(current.GetDbTransaction(), all, ct);
    }

    // Entries waiting for the commit of the transaction their history entries were saved in (issue 16, ADR 0174): the
    // interceptor queues them at the save and chains them as the transaction commits, so the one chain head row is locked
    // from the reserve to the commit only — not while the rows, the rest of the use case and its round trips run.
    private readonly ConditionalWeakTable<DbContext, Queued> _queued = [];

    private sealed class Queued
    {
        public Guid TransactionId { get; set; }

        public List<AuditDraft> Drafts { get; } = [];
    }

    /// <summary>Queues <paramref name="drafts"/> for the commit of <paramref name="transactionId"/>; returns how many were queued before (for <see cref="Unqueue"/>).</summary>
    internal int Enqueue(DbContext db, Guid transactionId, IReadOnlyList<AuditDraft> drafts)
    {
        var q = _queued.GetOrCreateValue(db);
        if (q.TransactionId != transactionId)
        {
            // Left from a transaction that ended without a commit (rolled back or disposed): never chained.
            q.Drafts.Clear();
            q.TransactionId = transactionId;
        }

        var before = q.Drafts.Count;
        q.Drafts.AddRange(drafts);
        return before;
    }

    /// <summary>A failed save takes its own entries back (those queued from <paramref name="from"/> on); earlier saves' stay.</summary>
    internal void Unqueue(DbContext db, Guid transactionId, int from)
    {
        if (_queued.TryGetValue(db, out var q) && q.TransactionId == transactionId && from < q.Drafts.Count)
        {
            q.Drafts.RemoveRange(from, q.Drafts.Count - from);
        }
    }

    /// <summary>The transaction ended without a commit: its queued entries are dropped with its rows.</summary>
    internal void Drop(DbContext db, Guid transactionId) => Take(db, transactionId);

    /// <summary>Chains the entries queued for <paramref name="transactionId"/>, which is committing now.</summary>
    internal async Task FlushAsync(DbContext db, DbTransaction transaction, Guid transactionId, CancellationToken ct)
    {
        var drafts = Take(db, transactionId);
        if (drafts.Count > 0)
        {
            await ChainAsync(transaction, drafts, ct);
        }
    }

    private List<AuditDraft> Take(DbContext db, Guid transactionId)
    {
        if (!_queued.TryGetValue(db, out var q) || q.TransactionId != transactionId)
        {
            return [];
        }

        var drafts = q.Drafts.ToList();
        q.Drafts.Clear();
        return drafts;
    }

    /// <summary>
    /// Reserves the sequence numbers on the head (the row lock, or SQLite's write lock, that serialises appenders, held to
    /// the commit), then writes the entries and moves the head's hash in one command: two round trips for any number of entries.
    /// </summary>
    private async Task ChainAsync(DbTransaction transaction, List<AuditDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0)
        {
            return;
        }

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

        // 2. The entries, each chained to the one before, and 3. the head's hash moved to the last — one command.
        var sql = new StringBuilder();
        await using var write = RawSql.Command(connection, transaction, "");
        var sequence = last - drafts.Count;
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            sequence++;
            var actorId = AuditEntry.Clip(d.ActorId, 64);
            var actorName = AuditEntry.Clip(d.ActorName, 100);
            var subjectId = d.SubjectId is null ? null : AuditEntry.Clip(d.SubjectId, 64);
            var subject = d.Subject is null ? null : AuditEntry.Clip(d.Subject, 100);
            var summary = AuditEntry.Clip(d.Summary, 500);
            var hash = AuditEntry.ComputeHash(sequence, at, actorId, actorName, d.ActorOrganizationId, d.Kind, subjectId, subject, summary, address, previous);
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO "{AuditModel.EntriesTable}" ("Sequence", "At", "ActorId", "ActorName", "ActorOrganizationId", "Kind", "SubjectId", "Subject", "Summary", "ClientAddress", "PreviousHash", "Hash")
                VALUES (@seq{i}, @at, @actorId{i}, @actorName{i}, @org{i}, @kind{i}, @subjectId{i}, @subject{i}, @summary{i}, @address, @prev{i}, @hash{i});

                """);
            RawSql.Add(write, $"@seq{i}", sequence);
            RawSql.Add(write, $"@actorId{i}", actorId);
            RawSql.Add(write, $"@actorName{i}", actorName);
            RawSql.Add(write, $"@org{i}", d.ActorOrganizationId);
            RawSql.Add(write, $"@kind{i}", d.Kind);
            RawSql.Add(write, $"@subjectId{i}", subjectId);
            RawSql.Add(write, $"@subject{i}", subject);
            RawSql.Add(write, $"@summary{i}", summary);
            RawSql.Add(write, $"@prev{i}", previous);
            RawSql.Add(write, $"@hash{i}", hash);
            previous = hash;
        }

        sql.Append(CultureInfo.InvariantCulture, $"""UPDATE "{AuditModel.HeadTable}" SET "LastHash" = @last WHERE "Id" = 1""");
        RawSql.Add(write, "@at", at.UtcDateTime);
        RawSql.Add(write, "@address", address);
        RawSql.Add(write, "@last", previous);
#pragma warning disable CA2100 // constant SQL (table names are constants), one parameter set per entry
        write.CommandText = sql.ToString();
#pragma warning restore CA2100
        await write.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The signed-in staff member as an audit actor.</summary>
public static class AuditActors
{
    public static AuditDraft Draft(CurrentStaff staff, string kind, string? subjectId, string? subject, string summary) =>
        new(kind, staff.UserId, staff.ActingName, staff.OrganizationId.ToString(), subjectId, subject, summary);
}
