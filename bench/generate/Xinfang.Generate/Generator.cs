using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;
using Xinfang.Web.Privacy;
using Xinfang.Web.Statistics;

namespace Xinfang.Generate;

/// <summary>
/// How many items, which seed, and how the received dates spread: <see cref="FocusShare"/> of them in
/// <see cref="FocusYear"/> (the measured province-year), the rest over the other days from
/// <see cref="FirstYear"/> to today. <see cref="Workers"/>: batches prepared at once (PostgreSQL; one writer copies them in order).
/// </summary>
public sealed record GenerateOptions(long Items, int Seed = 20261206, int FirstYear = 2021, int FocusYear = 2025, double FocusShare = 0.5, int Batch = 2_000, int Workers = 1);

/// <summary>
/// Writes <see cref="GenerateOptions.Items"/> synthetic items into the app's database (ADR 0086). PostgreSQL:
/// each batch of items with their owned rows and their <c>statistics_facts</c> rows (built by
/// <see cref="ItemFacts.Of"/>, as the interceptor would) in one binary COPY transaction. SQLite: each batch
/// through the app's own <c>SaveChanges</c> (its interceptors build the fact rows). Resumable: batches are
/// whole, each drawn from its own seed, and a second run starts after the last batch written.
/// Not written: the audit trail (no person did anything) and the text index (duplicate search will not find
/// generated items) — neither is read by the statistics.
/// </summary>
public static class Generator
{
    /// <summary>Every generated number starts with this (a registration's own numbers never do).</summary>
    public const string NumberPrefix = "G";

    public static async Task<long> RunAsync(IServiceProvider services, GenerateOptions options, TextWriter progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        Dictionary<string, Organization> orgs;
        long done;
        bool postgres;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            postgres = db.Database.IsNpgsql();
            orgs = await Province.EnsureAsync(db, ct);
            await services.GetRequiredService<OrganizationDirectory>().ReloadAsync(db, ct);
            await services.GetRequiredService<DeadlineSettings>().ReloadAsync(db, ct);
            // Whole deployment: how many generated items are there already (resuming); nothing is shown to anyone.
            done = await db.PetitionsAcrossDeployment.LongCountAsync(p => p.Number.StartsWith(NumberPrefix), ct);
        }

        if (done % options.Batch != 0)
        {
            throw new InvalidOperationException($"{done} generated items is not a whole number of batches of {options.Batch}: generate with the batch size used before");
        }

        var directory = services.GetRequiredService<OrganizationDirectory>();
        var settings = services.GetRequiredService<DeadlineSettings>();
        var clock = services.GetRequiredService<TimeProvider>();
        var blind = services.GetRequiredService<BlindIndex>();
        var now = clock.GetUtcNow();
        var bureaus = Bureaus(orgs.Values);
        var kinds = orgs.Values.ToDictionary(o => o.Id, o => o.Kind);
        var days = Days(options, DeadlineTime.LocalDate(now));
        var watch = Stopwatch.StartNew();
        var startedAt = done;
        TimeSpan building = default, writing = default;
        var first = done / options.Batch;
        var batches = (options.Items + options.Batch - 1) / options.Batch;

        // One batch's items, built by the domain (CPU only; any thread).
        List<Petition> Build(IServiceProvider scoped, long batch, out Stories stories)
        {
            var numbers = scoped.GetRequiredService<PetitionNumbers>();
            stories = new Stories(bureaus, directory.Tree, settings, numbers.HashQueryCode, now);
            var random = new Random(HashCode.Combine(options.Seed, batch));
            var count = (int)Math.Min(options.Batch, options.Items - batch * options.Batch);
            var received = Enumerable.Range(0, count).Select(_ => ReceivedAt(random, options, days)).Order().ToList();
            var petitions = new List<Petition>(count);
            for (var i = 0; i < count; i++)
            {
                petitions.Add(stories.Next(batch * options.Batch + i, random, received[i]));
            }

            return petitions;
        }

        void Report()
        {
            var rate = (done - startedAt) / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            var eta = TimeSpan.FromSeconds((options.Items - done) / Math.Max(rate, 0.001));
            progress.Write(string.Create(CultureInfo.InvariantCulture, $"\r{done:N0} / {options.Items:N0} items  {rate:N0}/s  elapsed {watch.Elapsed:hh\\:mm\\:ss}  eta {eta:hh\\:mm\\:ss}  (building {building.TotalSeconds:N0} s over {options.Workers} workers, writing {writing.TotalSeconds:N0} s)   "));
        }

        if (!postgres)
        {
            for (var batch = first; batch < batches; batch++)
            {
                var started = watch.Elapsed;
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.AddRange(Build(scope.ServiceProvider, batch, out _));
                await db.SaveChangesAsync(ct);
                done += (int)Math.Min(options.Batch, options.Items - batch * options.Batch);
                building += watch.Elapsed - started;
                Report();
            }
        }
        else
        {
            // ADR 0122: the profile (2,000-item batches) showed the time in the client — EF's graph attach and change
            // detection (~1.1 s of a 2,000-item batch's ~2.9 s at load 5; building the stories 0.3 s). So rows are read
            // straight from the objects through the model (CopyWriter.Take), on Workers threads, while one connection
            // copies the batches in order.
            // As BlindIndexInterceptor sets them on save: the petitioner's blind-index columns (shadow properties).
            object? Shadow(Microsoft.EntityFrameworkCore.Metadata.IProperty property, object entity) => (property.Name, entity) switch
            {
                (PersonalDataModel.IdNumberIndex, Petitioner p) => blind.OfIdNumber(p.IdNumber),
                (PersonalDataModel.PhoneIndex, Petitioner p) => blind.OfPhone(p.Phone),
                _ => throw new NotSupportedException($"shadow property {property.DeclaringType.Name}.{property.Name}: not written by the generator"),
            };

            string connectionString;
            Microsoft.EntityFrameworkCore.Metadata.IModel model;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                connectionString = db.Database.GetConnectionString()!;
                model = db.Model;
            }

            CopyWriter.Prepared Prepare(long batch)
            {
                var started = Stopwatch.GetTimestamp();
                using var scope = services.CreateScope();
                var petitions = Build(scope.ServiceProvider, batch, out var stories);
                var facts = petitions.Select(p => ItemFacts.Of(p, kinds.GetValueOrDefault(p.RegisteringOrganizationId), stories.RepeatedLater.Contains(p.Id))).ToList();
                var tables = CopyWriter.Take(model, petitions, Shadow);
                tables.AddRange(CopyWriter.Take(model, facts, Shadow));
                return new CopyWriter.Prepared(batch, petitions.Count, tables, Stopwatch.GetElapsedTime(started));
            }


            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            var pending = new Queue<Task<CopyWriter.Prepared>>();
            var next = first;
            while (next < batches && pending.Count < options.Workers + 1)
            {
                var b = next++;
                pending.Enqueue(Task.Run(() => Prepare(b), ct));
            }

            while (pending.Count > 0)
            {
                var prepared = await pending.Dequeue().ConfigureAwait(false);
                if (next < batches)
                {
                    var b = next++;
                    pending.Enqueue(Task.Run(() => Prepare(b), ct));
                }

                var copying = Stopwatch.GetTimestamp();
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await Task.Run(() => CopyWriter.WriteAsync(connection, prepared, ct), ct);
                    await tx.CommitAsync(ct);
                }

                done += prepared.Items;
                building += prepared.Building;
                writing += Stopwatch.GetElapsedTime(copying);
                Report();
            }
        }

        await progress.WriteLineAsync();
        if (postgres)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            // Fresh statistics and visibility maps, as autovacuum would give them in time (index-only scans need the latter).
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) petitions, statistics_facts, petitioners, petition_history, petition_deadlines", ct);
            // COPY passed the interceptor by: the monthly aggregates (ADR 0122) are written from the fact rows.
            await MonthlyAggregates.RebuildAsync(db, services.GetRequiredService<StatisticsSettings>(), ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) statistics_months", ct);
        }

        return done;
    }

    /// <summary>The bureaus that register items, with cumulative weights: a county's 1, a city's 0.5, the province's 0.3.</summary>
    private static List<Bureau> Bureaus(IEnumerable<Organization> all)
    {
        var list = all.ToList();
        var result = new List<Bureau>();
        double sum = 0;
        foreach (var b in list.Where(o => o.Kind == OrganizationKind.PetitionBureau).OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            var units = list.Where(o => o.ParentId == b.Id && o.Kind != OrganizationKind.PetitionBureau).OrderBy(o => o.Code, StringComparer.Ordinal).ToArray();
            if (units.Length == 0)
            {
                continue;
            }

            sum += b.Level switch { OrganizationLevel.County => 1.0, OrganizationLevel.City => 0.5, _ => 0.3 };
            var byLine = units.Where(u => u.Line is not null && u.Kind == OrganizationKind.ResponsibleUnit).GroupBy(u => u.Line!).ToDictionary(g => g.Key, g => g.First());
            result.Add(new Bureau(b, byLine, units, sum));
        }

        return result;
    }

    private sealed record DaySpan(DateOnly[] Focus, DateOnly[] Other);

    private static DaySpan Days(GenerateOptions o, DateOnly today)
    {
        var all = new List<DateOnly>();
        for (var d = new DateOnly(o.FirstYear, 1, 1); d <= today; d = d.AddDays(1))
        {
            all.Add(d);
        }

        return new DaySpan([.. all.Where(d => d.Year == o.FocusYear)], [.. all.Where(d => d.Year != o.FocusYear)]);
    }

    private static DateTimeOffset ReceivedAt(Random random, GenerateOptions o, DaySpan days)
    {
        var pool = days.Focus.Length > 0 && (random.NextDouble() < o.FocusShare || days.Other.Length == 0) ? days.Focus : days.Other;
        var day = pool[random.Next(pool.Length)];
        // Office hours in Beijing, a few online items at night.
        var minutes = random.Next(10) == 0 ? random.Next(0, 24 * 60) : random.Next(8 * 60, 18 * 60);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).AddMinutes(minutes);
    }
}
