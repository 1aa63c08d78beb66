using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;

namespace Xinfang.Web.Supervision;

/// <summary>An open clock of an item, as the sweep reads it.</summary>
public sealed record OpenClock(DeadlineKind Kind, DateOnly StartedOn, DateOnly DueOn);

/// <summary>An item whose current deadline is within the sweep's horizon, with its open clocks (and its current due instant: the sweep's place in the list).</summary>
public sealed record SweepCandidate(Guid Id, Guid CurrentOrganizationId, DateTime DueAtUtc, List<OpenClock> Open);

/// <summary>What one sweep did.</summary>
/// <param name="Swept">False when another instance holds the lease: this one did nothing.</param>
/// <param name="Holder">This sweeper's lease holder id.</param>
/// <param name="ItemsChecked">Items whose current deadline fell within the horizon.</param>
/// <param name="WarningsAdded">New rows of <c>deadline_warnings</c>.</param>
/// <param name="RemindersSent">Automatic 催办 appended to overdue 督办 notices.</param>
/// <param name="ItemsClosed">Items closed because their 复查/复核 window lapsed (条例 Arts. 35–36).</param>
public sealed record SweepResult(bool Swept, string Holder, int ItemsChecked, int WarningsAdded, int RemindersSent, int ItemsClosed = 0);

/// <summary>
/// One sweep of the legal clock, holding no rules of its own: under the lease it reads the items whose
/// current deadline is within the warning horizon (an index range on <c>CurrentDueAtUtc</c>, never all
/// petitions), asks <see cref="DeadlineWarningPolicy"/> for each open deadline's level and records each
/// level once; then asks each open 督办 notice past its feedback deadline whether a 催办 is owed today.
/// Tests call <see cref="SweepOnceAsync"/> with the fake clock; <see cref="SweeperService"/> loops it.
/// </summary>
public sealed class DeadlineSweeper
{
    public const string LeaseName = "supervision-sweeper";

    /// <summary>The states whose only running clock may be the petitioner's 复查/复核 window, as SQL: the filter of the index <see cref="CloseLapsedAsync"/> reads.</summary>
    public const string WindowOpenFilterSql = "\"State\" IN ('Served', 'ReviewOpinionServed')";
    private const int BatchSize = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly DeadlineWarningPolicy _policy;
    private readonly SupervisionOptions _options;
    private readonly ILogger<DeadlineSweeper> _logger;

    public DeadlineSweeper(IServiceScopeFactory scopes, DeadlineWarningPolicy policy, IOptions<SupervisionOptions> options, ILogger<DeadlineSweeper> logger)
        : this(scopes, policy, options.Value, logger, options.Value.HolderId is { Length: > 0 } h ? h : DefaultHolder())
    {
    }

    private DeadlineSweeper(IServiceScopeFactory scopes, DeadlineWarningPolicy policy, SupervisionOptions options, ILogger<DeadlineSweeper> logger, string holder)
    {
        _scopes = scopes;
        _policy = policy;
        _options = options;
        _logger = logger;
        Holder = holder;
    }

    public string Holder { get; }

    public SupervisionOptions Options => _options;

    /// <summary>The same sweeper under another holder id: a second app instance, for tests.</summary>
    public DeadlineSweeper WithHolder(string holder) => new(_scopes, _policy, _options, _logger, holder);

    public async Task<SweepResult> SweepOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await DatabaseLease.TryAcquireAsync(db, LeaseName, Holder, now, _options.EffectiveLeaseDuration, ct))
        {
            return new SweepResult(false, Holder, 0, 0, 0);
        }

        var npgsql = db.Database.IsNpgsql();
        if (npgsql)
        {
            // Custom plans for this job's statements (ADR 0172). The app prepares a statement run often (Max Auto Prepare),
            // and PostgreSQL then plans it once for any parameters: for the candidates' page that generic plan cannot see
            // that the page's lower bound narrows the window, and sorts the whole 48-day window on every page — at 10 M
            // bench items 290 ms a page against 8 ms, a 55 s sweep against 4.3 s. The setting lives on this scope's
            // connection only, and is reset before the connection goes back: the pool does not reset connections
            // (No Reset On Close, ADR 0182), so a setting left behind would reach the next request.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_custom_plan", ct);
        }

        int checkedItems, added, reminded, closed;
        try
        {
            (checkedItems, added) = await WarnAsync(db, now, ct);
            reminded = await RemindAsync(db, now, ct);
            closed = await CloseLapsedAsync(db, now, ct);
        }
        finally
        {
            if (npgsql)
            {
                await db.Database.ExecuteSqlRawAsync("RESET plan_cache_mode", CancellationToken.None);
            }
        }

        if (added > 0 || reminded > 0 || closed > 0)
        {
            _logger.LogInformation("Sweep by {Holder}: {Checked} items checked, {Added} warnings, {Reminded} reminders, {Closed} closed", Holder, checkedItems, added, reminded, closed);
        }

        return new SweepResult(true, Holder, checkedItems, added, reminded, closed);
    }

    /// <summary>
    /// Items whose only running clock is the petitioner's 复查/复核 window, and that window is past:
    /// the domain closes them (超期未申请复查/复核). Read through the CurrentDueAtUtc index.
    /// </summary>
    private static async Task<int> CloseLapsedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var instant = now.UtcDateTime;
        var closed = 0;
        while (true)
        {
            // The sweeper closes lapsed windows across the whole deployment (a job; nothing is shown).
            var batch = await db.PetitionsAcrossDeployment
                .Where(p => p.CurrentDueAtUtc < instant && (p.State == PetitionState.Served || p.State == PetitionState.ReviewOpinionServed))
                .OrderBy(p => p.CurrentDueAtUtc).Take(BatchSize).AsSplitQuery().ToListAsync(ct);
            var closedNow = batch.Count(p => p.CloseIfWindowLapsed(new Actor("system", "系统（期限届满）", p.CurrentOrganizationId), now));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            closed += closedNow;
            // Items still open here have a later window pending (a rating, say): stop rather than re-read them.
            if (batch.Count < BatchSize || closedNow == 0)
            {
                return closed;
            }
        }
    }

    private async Task<(int Checked, int Added)> WarnAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var today = DeadlineTime.LocalDate(now);
        int checkedItems = 0, added = 0;
        // Keyset paging (after the last item read, by due instant and id), never OFFSET: each page starts where the
        // last ended, so a sweep over n candidates reads n rows, not n²/page (issue 16: 124,000 candidates at 10 M items).
        (DateTime DueAtUtc, Guid Id)? after = null;
        while (true)
        {
            var batch = await Candidates(db, today, _policy, _options.OverdueLookbackDays, after).Take(BatchSize).ToListAsync(ct);
            checkedItems += batch.Count;
            var due = batch
                .SelectMany(p => p.Open.Where(d => DeadlineWarningPolicy.IsSupervised(d.Kind)).Select(d => (p.Id, p.CurrentOrganizationId, d.Kind, d.StartedOn, d.DueOn, Level: _policy.Evaluate(d.StartedOn, d.DueOn, today))))
                .Where(w => w.Level != DeadlineWarning.Normal)
                .ToList();
            if (due.Count > 0)
            {
                var ids = due.Select(w => w.Id).Distinct().ToList();
                var known = (await db.Set<DeadlineWarningRecord>().AsNoTracking().Where(w => ids.Contains(w.PetitionId))
                        .Select(w => new { w.PetitionId, w.Kind, w.DueOn, w.Level }).ToListAsync(ct))
                    .Select(w => (w.PetitionId, w.Kind, w.DueOn, w.Level)).ToHashSet();
                var fresh = due.Where(w => !known.Contains((w.Id, w.Kind, w.DueOn, w.Level)))
                    .Select(w => new DeadlineWarningRecord
                    {
                        Id = Guid.CreateVersion7(now),
                        PetitionId = w.Id,
                        Kind = w.Kind,
                        StartedOn = w.StartedOn,
                        DueOn = w.DueOn,
                        Level = w.Level,
                        OrganizationId = w.CurrentOrganizationId,
                        WarnedAt = now,
                    })
                    .ToList();
                added += await SaveWarningsAsync(db, fresh, ct);
            }

            if (batch.Count < BatchSize)
            {
                return (checkedItems, added);
            }

            after = (batch[^1].DueAtUtc, batch[^1].Id);
        }
    }

    /// <summary>Adds the batch; should a row exist after all (the unique index is the last guard), adds the rest one by one.</summary>
    private static async Task<int> SaveWarningsAsync(AppDbContext db, List<DeadlineWarningRecord> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return 0;
        }

        db.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var saved = 0;
        foreach (var row in fresh)
        {
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                saved++;
            }
            catch (DbUpdateException)
            {
                // Already recorded: each warning once.
            }

            db.ChangeTracker.Clear();
        }

        return saved;
    }

    /// <summary>
    /// The items a sweep reads: current deadline within the horizon (and overdue for at most the
    /// lookback), with their open clocks, in (due instant, id) order and — given <paramref name="after"/> — after that
    /// place. An index range on <c>CurrentDueAtUtc</c> starting at the place; the query-plan test runs this very query.
    /// </summary>
    public static IQueryable<SweepCandidate> Candidates(AppDbContext db, DateOnly today, DeadlineWarningPolicy policy, int lookbackDays, (DateTime DueAtUtc, Guid Id)? after = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var horizon = DeadlineTime.EndOfDay(today.AddDays(policy.HorizonDays)).UtcDateTime;
        var oldest = DeadlineTime.EndOfDay(today.AddDays(-lookbackDays)).UtcDateTime;
        // The sweeper warns on every late item of the deployment (a job; nothing is shown).
        var query = db.PetitionsAcrossDeployment.AsNoTracking()
            .Where(p => p.CurrentDueAtUtc != null && p.CurrentDueAtUtc >= oldest && p.CurrentDueAtUtc <= horizon);
        if (after is { } a)
        {
            // The range starts at the place (an index bound), ties on the instant broken by id.
            var due = a.DueAtUtc;
            var id = a.Id;
            query = query.Where(p => p.CurrentDueAtUtc >= due && (p.CurrentDueAtUtc > due || p.Id.CompareTo(id) > 0));
        }

        return query
            .OrderBy(p => p.CurrentDueAtUtc).ThenBy(p => p.Id)
            .Select(p => new SweepCandidate(
                p.Id,
                p.CurrentOrganizationId,
                p.CurrentDueAtUtc!.Value,
                p.Deadlines.Where(d => d.MetOn == null && !d.Cancelled).Select(d => new OpenClock(d.Kind, d.StartedOn, d.DueOn)).ToList()));
    }

    private static async Task<int> RemindAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var nowUtc = now.UtcDateTime;
        var notices = await db.Set<SupervisionNotice>()
            .Where(n => n.Status == SupervisionStatus.Open && n.FeedbackDueAtUtc < nowUtc)
            .ToListAsync(ct);
        var sent = notices.Count(n => n.RemindIfOverdue(now) is not null);
        if (sent > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A supervisor acted on a notice meanwhile; the next sweep sees it afresh.
                return 0;
            }
        }

        return sent;
    }

    /// <summary>Gives up this instance's lease (on shutdown) so another need not wait for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await DatabaseLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), LeaseName, Holder, ct);
    }

    private static string DefaultHolder()
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return holder.Length <= 128 ? holder : holder[^128..];
    }
}

/// <summary>The hosted loop: one sweep per interval on the app's <see cref="TimeProvider"/>. Off in the "Testing" environment unless configured.</summary>
public sealed class SweeperService(DeadlineSweeper sweeper, TimeProvider clock, ILogger<SweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweeper.SweepOnceAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline sweep failed; retrying after the interval");
            }

            try
            {
                await Task.Delay(sweeper.Options.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await sweeper.ReleaseAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not release the sweeper lease; it expires by itself");
        }
    }
}
