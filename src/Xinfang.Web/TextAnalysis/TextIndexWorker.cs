using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Keeps <c>petition_text</c> and the key tables in step with <c>petitions</c> for whatever the
/// registration interceptor did not index (rows saved another way, a lost race, or every row after
/// <see cref="TextIndexRows.Version"/> changes). It walks petition ids upward from a stored
/// watermark — ids are UUIDv7, time-ordered, so this is a primary-key range read, never a scan —
/// and re-checks a short overlap behind the watermark for transactions that committed late.
/// Several instances may run it at once: a duplicate insert fails on the unique index and is skipped.
/// </summary>
public sealed class TextIndexWorker(IServiceScopeFactory scopes, TextIndexRows rows, TimeProvider clock, IConfiguration configuration, ILogger<TextIndexWorker> logger) : BackgroundService
{
    public const string StateName = "petitions";
    public const int Batch = 200;

    /// <summary>How far behind the watermark late commits are looked for.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Clamp(configuration.GetValue("Xinfang:Text:IndexIntervalSeconds", 60), 1, 86_400);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var indexed = await RunOnceAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
                if (indexed > 0)
                {
                    logger.LogInformation("Text index: {Count} petitions indexed", indexed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Text indexing failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: index from the watermark to the newest item, then the overlap. Returns how many were (re)indexed.</summary>
    public async Task<int> RunOnceAsync(AppDbContext db, CancellationToken ct)
    {
        var state = await db.TextIndexStates.SingleOrDefaultAsync(s => s.Name == StateName, ct);
        if (state is null)
        {
            state = new TextIndexState { Name = StateName, Watermark = Guid.Empty, IndexVersion = TextIndexRows.Version };
            db.TextIndexStates.Add(state);
        }
        else if (state.IndexVersion != TextIndexRows.Version)
        {
            // What is stored changed: walk everything again, rewriting rows of the old version.
            state.Watermark = Guid.Empty;
            state.IndexVersion = TextIndexRows.Version;
        }

        var total = 0;
        while (true)
        {
            var from = state.Watermark;
            var ids = await After(db, from).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            total += await IndexMissingAsync(db, ids, ct);
            state.Watermark = ids[^1];
            state.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            Forget(db, state);
            if (ids.Count < Batch)
            {
                break;
            }
        }

        var lower = Uuid7Floor(Uuid7Time(state.Watermark) - Overlap);
        var upper = state.Watermark;
        var late = await Unindexed(db, lower, upper).ToListAsync(ct);
        total += await IndexMissingAsync(db, late, ct);
        state.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        Forget(db, state);
        return total;
    }

    /// <summary>
    /// The rows of a saved batch are let go: a pass over a whole database (a first index, a new
    /// <see cref="TextIndexRows.Version"/>) would otherwise keep every text row and key it wrote tracked, and each save
    /// would check all of them again — quadratic in the items (found indexing 100,000 generated items, issue 16).
    /// </summary>
    private static void Forget(AppDbContext db, TextIndexState state)
    {
        db.ChangeTracker.Clear();
        db.Attach(state);
    }

    /// <summary>The next batch of petition ids above the watermark: a primary-key range read.</summary>
    /// <remarks>The index covers the whole deployment; searches read it through the caller's scope.</remarks>
    public static IQueryable<Guid> After(AppDbContext db, Guid watermark) =>
        db.PetitionsAcrossDeployment.AsNoTracking().Where(p => p.Id > watermark).OrderBy(p => p.Id).Select(p => p.Id).Take(Batch);

    /// <summary>Ids in (lower, upper] without an up-to-date text row: a primary-key range read with seeks into petition_text.</summary>
    public static IQueryable<Guid> Unindexed(AppDbContext db, Guid lower, Guid upper)
    {
        var version = TextIndexRows.Version;
        return db.PetitionsAcrossDeployment.AsNoTracking()
            .Where(p => p.Id > lower && p.Id <= upper && !db.PetitionTexts.Any(t => t.PetitionId == p.Id && t.IndexVersion == version))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(Batch);
    }

    private async Task<int> IndexMissingAsync(AppDbContext db, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var version = TextIndexRows.Version;
        var current = await db.PetitionTexts.Where(t => ids.Contains(t.PetitionId) && t.IndexVersion == version).Select(t => t.PetitionId).ToListAsync(ct);
        var missing = ids.Except(current).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var petitions = await db.PetitionsAcrossDeployment.AsNoTracking().AsSplitQuery().Where(p => missing.Contains(p.Id)).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stale = await db.PetitionTexts.Where(t => missing.Contains(t.PetitionId)).ToDictionaryAsync(t => t.PetitionId, ct);
        await db.PetitionBandKeys.Where(b => missing.Contains(b.PetitionId)).ExecuteDeleteAsync(ct);
        await db.PetitionerBlindKeys.Where(b => missing.Contains(b.PetitionId)).ExecuteDeleteAsync(ct);
        foreach (var p in petitions)
        {
            var r = rows.For(p);
            if (stale.TryGetValue(p.Id, out var old))
            {
                old.Tokens = r.Text.Tokens;
                old.Signature = r.Text.Signature;
                old.IndexVersion = r.Text.IndexVersion;
                old.IndexedAt = r.Text.IndexedAt;
            }
            else
            {
                db.PetitionTexts.Add(r.Text);
            }

            db.PetitionBandKeys.AddRange(r.BandKeys);
            db.PetitionerBlindKeys.AddRange(r.PetitionerKeys);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance indexed the same items first; its rows are as good as ours.
            logger.LogDebug(e, "Text index rows written concurrently; skipped");
            db.ChangeTracker.Clear();
            return 0;
        }

        return petitions.Count;
    }

    /// <summary>The creation time in a UUIDv7 (first 48 bits, Unix milliseconds, big-endian).</summary>
    public static DateTimeOffset Uuid7Time(Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | b[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>The smallest UUIDv7 of a millisecond: every id created at or after it compares greater.</summary>
    public static Guid Uuid7Floor(DateTimeOffset at)
    {
        var ms = Math.Max(0, at.ToUnixTimeMilliseconds());
        Span<byte> b = stackalloc byte[16];
        for (var i = 5; i >= 0; i--)
        {
            b[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }

        b[6] = 0x70;
        return new Guid(b, bigEndian: true);
    }
}
