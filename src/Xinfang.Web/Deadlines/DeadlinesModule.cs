using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Deadlines;

/// <summary>
/// The working-day calendar and the jurisdiction policies are data: holiday schedules come from
/// Deadlines/Calendars/*.txt (one file per year) and from schedules an administrator loads later;
/// policy overrides are stored per organisation and inherited down the tree. Every petition loaded
/// from the database gets the calendar and the policy of its registering organisation.
/// </summary>
public static class DeadlinesModule
{
    public static WebApplicationBuilder AddDeadlines(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new DeadlineSettings(Path.Combine(AppContext.BaseDirectory, "Deadlines", "Calendars"), sp.GetRequiredService<Identity.OrganizationDirectory>()));
        builder.Services.AddSingleton<PetitionClockInterceptor>();
        builder.Services.AddScoped<RecomputeOpenDeadlines>();
        builder.Services.AddScoped<ManageDeadlineSettings>();
        return builder;
    }

    public static void MapDeadlines(this IEndpointRouteBuilder app) =>
        ManageDeadlineSettings.Map(app.MapGroup("/api/admin").RequireAuthorization().DisableAntiforgery().WithTags("时限设置"));
}

/// <summary>Stored holiday schedule of one year, as loaded by an administrator (the text format of Calendars/*.txt).</summary>
public sealed class HolidayScheduleRecord
{
    public int Year { get; set; }

    public string Text { get; set; } = string.Empty;

    public DateTimeOffset LoadedAt { get; set; }

    public string LoadedBy { get; set; } = string.Empty;
}

/// <summary>A jurisdiction's policy override (null values inherit from above), stored as JSON.</summary>
public sealed class JurisdictionPolicyRecord
{
    public Guid OrganizationId { get; set; }

    public string OverrideJson { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}

/// <summary>
/// The current calendar and the resolved policy of each organisation, rebuilt from the database
/// when either changes. Reads are lock-free: a reload swaps whole immutable snapshots.
/// </summary>
public sealed class DeadlineSettings(string calendarFolder, Identity.OrganizationDirectory directory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private volatile Snapshot _current = new(LoadFiles(calendarFolder), new Dictionary<Guid, DeadlinePolicy>());

    private long _generation;

    public WorkingCalendar Calendar => _current.Calendar;

    /// <summary>Counts reloads: what was computed with an earlier calendar or policy (a held item, ADR 0179) is stale.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public DeadlinePolicy PolicyFor(Guid organizationId) =>
        _current.Policies.TryGetValue(organizationId, out var policy) ? policy : DeadlinePolicy.National;

    public async Task ReloadAsync(AppDbContext db, CancellationToken ct)
    {
        var schedules = Files(calendarFolder).ToDictionary(s => s.Year);
        foreach (var stored in await db.HolidaySchedules.AsNoTracking().ToListAsync(ct))
        {
            schedules[stored.Year] = HolidaySchedule.Parse(stored.Year, stored.Text);
        }

        var overrides = (await db.JurisdictionPolicies.AsNoTracking().ToListAsync(ct))
            .ToDictionary(r => r.OrganizationId, r => JsonSerializer.Deserialize<PolicyOverride>(r.OverrideJson, Json)!);
        // 条例 values first, then each override from the top of the tree down to the organisation
        // (the tree as OrganizationDirectory holds it; it is loaded before these settings).
        var policies = directory.All.ToDictionary(
            org => org,
            org => DeadlinePolicy.Resolve(directory.PathFromTop(org).Where(overrides.ContainsKey).Select(id => overrides[id])));

        _current = new Snapshot(new WorkingCalendar(schedules.Values), policies);
        Interlocked.Increment(ref _generation);
    }

    private static WorkingCalendar LoadFiles(string folder) => new(Files(folder));

    private static List<HolidaySchedule> Files(string folder) => !Directory.Exists(folder)
        ? []
        : Directory.EnumerateFiles(folder, "*.txt")
            .Select(f => (Year: int.TryParse(Path.GetFileNameWithoutExtension(f), out var y) ? y : 0, File: f))
            .Where(x => x.Year > 0)
            .Select(x => HolidaySchedule.Parse(x.Year, File.ReadAllText(x.File)))
            .ToList();

    private sealed record Snapshot(WorkingCalendar Calendar, IReadOnlyDictionary<Guid, DeadlinePolicy> Policies);
}

/// <summary>Hands each materialised petition the calendar and its jurisdiction's policy (they are not stored per item).</summary>
public sealed class PetitionClockInterceptor(DeadlineSettings settings) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is Petition petition)
        {
            petition.Calendar = settings.Calendar;
            petition.Policy = settings.PolicyFor(petition.RegisteringOrganizationId);
        }

        return entity;
    }
}
