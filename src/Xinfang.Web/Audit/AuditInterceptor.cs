using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Audit;

/// <summary>
/// Appends an audit entry for every new <see cref="HistoryEntry"/> in the same transaction that
/// saves it (ADR 0042): registration and every action of every use case, the sweeper and the portal,
/// without a line in any of them. The entries are queued at the save and chained as that transaction
/// commits (ADR 0174: the chain head row is locked for the chaining and the commit only, not while
/// the rows and the rest of the use case run). If the caller has no transaction, one is begun here
/// and committed when the save succeeds; if the caller has one, a failed save takes its queued entries
/// back while the caller's transaction goes on, and a transaction that ends without a commit drops them.
/// </summary>
public sealed class AuditInterceptor(AuditLog log) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AppDbContext db)
        {
            return result;
        }

        var drafts = Drafts(db);
        if (drafts.Count == 0)
        {
            return result;
        }

        IDbContextTransaction? own = null;
        if (db.Database.CurrentTransaction is null)
        {
            own = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        var transaction = db.Database.CurrentTransaction!.TransactionId;
        _pending.AddOrUpdate(db, new Pending(own, transaction, log.Enqueue(db, transaction, drafts)));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var p))
        {
            _pending.Remove(db);
            if (p.Own is { } tx)
            {
                // The commit chains the queued entries (TransactionCommitting below), then commits them with the rows.
                try
                {
                    await tx.CommitAsync(cancellationToken);
                }
                finally
                {
                    await tx.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await UndoAsync(db, CancellationToken.None);
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        SaveChangesCanceledAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await UndoAsync(db, CancellationToken.None);
        }
    }

    /// <summary>The transaction is committing: its queued entries are chained now, inside it.</summary>
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await log.FlushAsync(db, transaction, eventData.TransactionId, cancellationToken);
        }

        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Dropped(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Dropped(eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Dropped(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Dropped(eventData);
        return Task.CompletedTask;
    }

    private void Dropped(TransactionEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            log.Drop(db, eventData.TransactionId);
        }
    }

    private async Task UndoAsync(DbContext db, CancellationToken ct)
    {
        if (!_pending.TryGetValue(db, out var p))
        {
            return;
        }

        _pending.Remove(db);
        log.Unqueue(db, p.Transaction, p.QueuedBefore);
        if (p.Own is { } tx)
        {
            await tx.RollbackAsync(ct);
            await tx.DisposeAsync();
        }
    }

    /// <summary>One draft per new history entry, in a stable order: by petition, then history sequence.</summary>
    private static List<AuditDraft> Drafts(AppDbContext db)
    {
        var added = db.ChangeTracker.Entries<HistoryEntry>().Where(e => e.State == EntityState.Added)
            .Select(e => (PetitionId: (Guid)e.Property("PetitionId").CurrentValue!, Entry: e.Entity))
            .OrderBy(x => x.PetitionId).ThenBy(x => x.Entry.Sequence).ToList();
        if (added.Count == 0)
        {
            return [];
        }

        var numbers = db.ChangeTracker.Entries<Petition>().ToDictionary(p => p.Entity.Id, p => p.Entity.Number);
        return added.Select(x => Draft(x.PetitionId, numbers.GetValueOrDefault(x.PetitionId), x.Entry)).ToList();
    }

    /// <summary>
    /// Action, states and the day it happened (发生日期, which may precede the entry: the entry's own
    /// time and actor are the audit entry's). The history's own summary may quote notes, so it is not copied.
    /// </summary>
    private static AuditDraft Draft(Guid petitionId, string? number, HistoryEntry h)
    {
        var register = h.Action == "Register";
        var action = Enum.TryParse<PetitionAction>(h.Action, out var a) ? $"{Lifecycle.NameOf(a)}（{h.Action}）" : h.Action;
        var states = h.FromState is { } from ? $"{Lifecycle.NameOf(from)} → {Lifecycle.NameOf(h.ToState)}" : Lifecycle.NameOf(h.ToState);
        var occurred = $"发生日期{h.OccurredOn:yyyy-MM-dd}，{h.ActorName}录入于{h.At.ToOffset(DeadlineTime.Offset):yyyy-MM-dd HH:mm}";
        var summary = register ? $"登记：{states}（办理过程第{h.Sequence}条，{occurred}）" : $"{action}：{states}（办理过程第{h.Sequence}条，{occurred}）";
        return new AuditDraft(register ? AuditKinds.PetitionRegistered : AuditKinds.PetitionAction,
            h.ActorId, h.ActorName, h.OrganizationId.ToString(), petitionId.ToString(), number, summary);
    }

    /// <summary>A save in progress: the transaction begun for it (if any), the one its entries wait for, and how many were queued before it.</summary>
    private sealed record Pending(IDbContextTransaction? Own, Guid Transaction, int QueuedBefore);
}
