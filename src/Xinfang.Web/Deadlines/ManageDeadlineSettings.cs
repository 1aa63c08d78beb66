using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Deadlines;

/// <summary>
/// Administrators load a year's State Council holiday schedule (data, not code) and set a
/// jurisdiction's policy values; either way the open items are recomputed and record that they were.
/// </summary>
public sealed class ManageDeadlineSettings(AppDbContext db, DeadlineSettings settings, RecomputeOpenDeadlines recompute, CurrentStaff staff, OrganizationDirectory directory, TimeProvider clock, Audit.AuditLog audit)
{
    /// <summary>The audit kind of a loaded holiday schedule or a changed jurisdiction policy (issue 13: audited like every administration).</summary>
    public const string AuditKind = "DeadlineSettingsChanged";

    public sealed record ScheduleRequest(string? Text);

    public sealed record Changed(string What, RecomputeOpenDeadlines.Result Recomputed);

    public sealed record PolicyView(Guid OrganizationId, PolicyOverride? Own, DeadlinePolicy Effective);

    public async Task<IResult> LoadScheduleAsync(int year, ScheduleRequest r, CancellationToken ct) => (await LoadAsync(year, r, ct)).ToResult();

    /// <summary>The rule of loading a schedule, for the API and the page /admin/calendars alike.</summary>
    public async Task<AdminOutcome<Changed>> LoadAsync(int year, ScheduleRequest r, CancellationToken ct)
    {
        if (staff.Role != StaffRole.Administrator)
        {
            return AdminOutcome<Changed>.Forbidden("只有管理员可以维护节假日安排");
        }

        var errors = new RequestErrors().Text(r.Text, "text", "节假日安排", 20_000);
        if (year is < DateInput.FirstYear or > DateInput.LastYear)
        {
            errors.Add("year", $"年份应在{DateInput.FirstYear}至{DateInput.LastYear}之间");
        }

        HolidaySchedule? schedule = null;
        if (!errors.Any)
        {
            try
            {
                schedule = HolidaySchedule.Parse(year, r.Text!);
            }
            catch (FormatException e)
            {
                errors.Add("text", e.Message);
            }
        }

        if (errors.Any)
        {
            return AdminOutcome<Changed>.Invalid(errors);
        }

        var record = await db.HolidaySchedules.FindAsync([year], ct);
        if (record is null)
        {
            db.HolidaySchedules.Add(record = new HolidayScheduleRecord { Year = year });
        }

        record.Text = r.Text!;
        record.LoadedAt = clock.GetUtcNow();
        record.LoadedBy = staff.Name;
        await db.SaveChangesAsync(ct);
        await settings.ReloadAsync(db, ct);
        var result = await recompute.RunAsync($"载入{year}年节假日安排", staff.Actor, null, ct);
        await audit.RecordAsync(db, Audit.AuditActors.Draft(staff, AuditKind, year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{year}年节假日安排",
            $"载入{year}年节假日安排（{schedule!.Days.Count}天；重算{result.Examined}件，{result.Changed}件期限改变）"), ct);
        return AdminOutcome<Changed>.Ok(new Changed($"{year}年节假日安排已载入", result));
    }

    /// <summary>The text of a year's schedule as it is in force: the one an administrator loaded, else the shipped file, else empty.</summary>
    public async Task<(string Text, string? LoadedBy, DateTimeOffset? LoadedAt)> ScheduleTextAsync(int year, CancellationToken ct)
    {
        if (await db.HolidaySchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct) is { } stored)
        {
            return (stored.Text, stored.LoadedBy, stored.LoadedAt);
        }

        var file = Path.Combine(AppContext.BaseDirectory, "Deadlines", "Calendars", $"{year}.txt");
        return (File.Exists(file) ? await File.ReadAllTextAsync(file, ct) : string.Empty, null, null);
    }

    /// <summary>
    /// One day added to a year's schedule (a 休 or a 班, with the holiday's name): the year's text with a line more,
    /// loaded through <see cref="LoadAsync"/> so the format's rules (a 班 is a weekend day, no day twice) apply.
    /// </summary>
    public async Task<AdminOutcome<Changed>> AddDayAsync(DateOnly? date, ScheduleDayKind? kind, string? holiday, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(holiday, "holiday", "节日名称", 20).Defined(kind, "kind", "类别");
        if (date is not { } day)
        {
            errors.Add("date", "请填写日期");
        }
        else if (day.Year is < DateInput.FirstYear or > DateInput.LastYear)
        {
            errors.Add("date", $"日期应在{DateInput.FirstYear}至{DateInput.LastYear}年之间");
        }

        if (holiday is { } h && h.Contains('#', StringComparison.Ordinal))
        {
            errors.Add("holiday", "节日名称不能含有 #");
        }

        if (errors.Any)
        {
            return staff.Role != StaffRole.Administrator ? AdminOutcome<Changed>.Forbidden("只有管理员可以维护节假日安排") : AdminOutcome<Changed>.Invalid(errors);
        }

        var (text, _, _) = await ScheduleTextAsync(date!.Value.Year, ct);
        var line = $"{(kind == ScheduleDayKind.Rest ? "休" : "班")} {date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}  # {holiday!.Trim()}";
        return await LoadAsync(date.Value.Year, new ScheduleRequest(text.TrimEnd() + "\n" + line + "\n"), ct);
    }

    public async Task<IResult> GetPolicyAsync(Guid organizationId, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return Answers.NotFound("机构");
        }

        var own = await db.JurisdictionPolicies.AsNoTracking().Where(p => p.OrganizationId == organizationId).Select(p => p.OverrideJson).SingleOrDefaultAsync(ct);
        return TypedResults.Ok(new PolicyView(organizationId, own is null ? null : JsonSerializer.Deserialize<PolicyOverride>(own, DeadlineSettings.Json), settings.PolicyFor(organizationId)));
    }

    public async Task<IResult> SetPolicyAsync(Guid organizationId, PolicyOverride change, CancellationToken ct) => (await SetAsync(organizationId, change, ct)).ToResult();

    /// <summary>The rule of setting a jurisdiction's policy, for the API and the page /admin/calendars alike.</summary>
    public async Task<AdminOutcome<Changed>> SetAsync(Guid organizationId, PolicyOverride change, CancellationToken ct)
    {
        if (staff.Role != StaffRole.Administrator)
        {
            return AdminOutcome<Changed>.Forbidden("只有管理员可以设置辖区时限政策");
        }

        var organization = await db.Organizations.FindAsync([organizationId], ct);
        if (organization is null)
        {
            return AdminOutcome<Changed>.NotFound("机构不存在");
        }

        var errors = Validate(change);
        if (errors.Any)
        {
            return AdminOutcome<Changed>.Invalid(errors);
        }

        var record = await db.JurisdictionPolicies.FindAsync([organizationId], ct);
        if (record is null)
        {
            db.JurisdictionPolicies.Add(record = new JurisdictionPolicyRecord { OrganizationId = organizationId });
        }

        record.OverrideJson = JsonSerializer.Serialize(change with { Jurisdiction = organization.Name }, DeadlineSettings.Json);
        record.UpdatedAt = clock.GetUtcNow();
        record.UpdatedBy = staff.Name;
        await db.SaveChangesAsync(ct);
        await settings.ReloadAsync(db, ct);
        var result = await recompute.RunAsync($"{organization.Name}调整时限政策", staff.Actor, directory.Subtree(organizationId).ToList(), ct);
        await audit.RecordAsync(db, Audit.AuditActors.Draft(staff, AuditKind, organization.Id.ToString(), organization.Name,
            $"{organization.Name}调整时限政策（重算{result.Examined}件，{result.Changed}件期限改变）"), ct);
        return AdminOutcome<Changed>.Ok(new Changed($"{organization.Name}时限政策已更新", result));
    }

    private static RequestErrors Validate(PolicyOverride change)
    {
        var errors = new RequestErrors();
        foreach (var property in typeof(PolicyOverride).GetProperties())
        {
            var value = property.GetValue(change);
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            switch (value)
            {
                case Period { Length: < 1 or > 365 }:
                    errors.Add(field, "期限应在1至365之间");
                    break;
                case Period p when !Enum.IsDefined(p.Unit):
                    errors.Add(field, "期限单位无效");
                    break;
                case int i when i is < 0 or > 365:
                    errors.Add(field, "数值应在0至365之间");
                    break;
            }
        }

        return errors;
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/calendars/{year:int}", (int year, ScheduleRequest r, ManageDeadlineSettings uc, CancellationToken ct) => uc.LoadScheduleAsync(year, r, ct))
            .WithSummary("载入一年的国务院节假日安排（重算未办结事项的时限）").Produces<Changed>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/policies/{organizationId:guid}", (Guid organizationId, ManageDeadlineSettings uc, CancellationToken ct) => uc.GetPolicyAsync(organizationId, ct))
            .WithSummary("辖区时限政策（本级设置与生效值）").Produces<PolicyView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/policies/{organizationId:guid}", (Guid organizationId, PolicyOverride change, ManageDeadlineSettings uc, CancellationToken ct) => uc.SetPolicyAsync(organizationId, change, ct))
            .WithSummary("设置辖区时限政策（下级继承，可再覆盖）").Produces<Changed>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
