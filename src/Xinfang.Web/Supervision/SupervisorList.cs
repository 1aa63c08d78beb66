using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>One item on the supervisors' list: its most serious recorded warning on a still-open deadline.</summary>
public sealed record WarnedItem(
    Guid PetitionId,
    string Number,
    string Title,
    string State,
    string StateName,
    Guid OrganizationId,
    string OrganizationName,
    string DeadlineKind,
    DateOnly DueOn,
    string Level,
    string LevelName,
    DateTimeOffset WarnedAt,
    int OpenNotices);

/// <summary>
/// The supervisors' list (domain.md §6: overdue items appear on it automatically): the warned and
/// overdue items held by the bureau or any organisation below it, with the level the sweeper recorded
/// for a deadline that is still open. Reads petitions by (current organisation, current due) — the
/// work list's index — bounded by the warning horizon, then their warning rows.
/// </summary>
public sealed class SupervisorList(OrganizationDirectory directory, AppDbContext db, CurrentStaff staff, TimeProvider clock, DeadlineWarningPolicy policy)
{
    public const int MaxItems = 500;

    public async Task<IResult> HandleAsync(DeadlineWarning? level, CancellationToken ct)
    {
        if (level is { } l && (!Enum.IsDefined(l) || l == DeadlineWarning.Normal))
        {
            return new RequestErrors().Add("level", "预警级别应为 Yellow、Red 或 Overdue").Problem();
        }

        var j = await Jurisdiction.LoadAsync(directory, staff.OrganizationId, ct);
        if (SupervisionAccess.RequireSupervisingBody(staff, j) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(await LoadAsync(db, j, level, clock.GetUtcNow(), policy, new StaffFacts(staff.UserId, staff.OrganizationId, staff.Role), directory, ct));
    }

    public static async Task<IReadOnlyList<WarnedItem>> LoadAsync(AppDbContext db, Jurisdiction j, DeadlineWarning? level, DateTimeOffset now, DeadlineWarningPolicy policy, StaffFacts viewer, OrganizationDirectory directory, CancellationToken ct)
    {
        var today = DeadlineTime.LocalDate(now);
        var horizon = DeadlineTime.EndOfDay(today.AddDays(policy.HorizonDays)).UtcDateTime;
        var items = await Items(db, j.Organizations, horizon, viewer, directory).ToListAsync(ct);
        var ids = items.Select(p => p.Id).ToList();
        var warnings = (await db.Set<DeadlineWarningRecord>().AsNoTracking().Where(w => ids.Contains(w.PetitionId)).ToListAsync(ct))
            .ToLookup(w => w.PetitionId);
        var notices = (await db.Set<SupervisionNotice>().AsNoTracking()
                .Where(n => ids.Contains(n.PetitionId) && n.Status == SupervisionStatus.Open)
                .Select(n => n.PetitionId).ToListAsync(ct))
            .CountBy(id => id).ToDictionary();
        var names = await OrganizationNames.LoadAsync(db, items.Select(p => p.CurrentOrganizationId), ct);

        var reveal = PetitionRules.MayRevealPersonalData(viewer.Role); // else typed ID numbers and mobiles are masked
        var rows = new List<WarnedItem>();
        foreach (var p in items)
        {
            // A warning counts while its deadline is still open: a clock met since is no longer late.
            var top = warnings[p.Id]
                .Where(w => p.Open.Any(d => d.Kind == w.Kind && d.DueOn == w.DueOn))
                .OrderByDescending(w => w.Level).ThenBy(w => w.WarnedAt)
                .FirstOrDefault();
            if (top is null || level is { } wanted && top.Level != wanted)
            {
                continue;
            }

            rows.Add(new WarnedItem(
                p.Id, p.Number, reveal ? p.Title : Domain.Common.PersonalDataInText.Mask(p.Title), p.State.ToString(), Lifecycle.NameOf(p.State), p.CurrentOrganizationId,
                names.GetValueOrDefault(p.CurrentOrganizationId, string.Empty), top.Kind.ToString(), top.DueOn,
                top.Level.ToString(), DeadlineWarningPolicy.NameOf(top.Level), top.WarnedAt, notices.GetValueOrDefault(p.Id)));
        }

        return [.. rows.OrderByDescending(r => Enum.Parse<DeadlineWarning>(r.Level)).ThenBy(r => r.DueOn)];
    }

    /// <summary>The jurisdiction's items due by <paramref name="horizonUtc"/> or overdue, with their open clocks: seeks on (current organisation, current due).</summary>
    public static IQueryable<ListedItem> Items(AppDbContext db, IEnumerable<Guid> organizations, DateTime horizonUtc, StaffFacts viewer, OrganizationDirectory directory)
    {
        var orgs = organizations.ToList();
        // The jurisdiction's late items, less what this supervisor may not see (an accusation against
        // the bureau itself, Art. 30 ¶3; an item they stepped aside from, Art. 28).
        // Scoped right below by VisibleTo(viewer): the same PetitionScope as PetitionGuard.Petitions, for an explicit viewer.
        return db.PetitionsAcrossDeployment.AsNoTracking()
            .Where(p => orgs.Contains(p.CurrentOrganizationId) && p.CurrentDueAtUtc != null && p.CurrentDueAtUtc <= horizonUtc)
            .VisibleTo(viewer, directory)
            .OrderBy(p => p.CurrentDueAtUtc).ThenBy(p => p.Id)
            .Take(MaxItems)
            .Select(p => new ListedItem(
                p.Id,
                p.Number,
                p.Title,
                p.State,
                p.CurrentOrganizationId,
                p.Deadlines.Where(d => d.MetOn == null && !d.Cancelled).Select(d => new OpenClock(d.Kind, d.StartedOn, d.DueOn)).ToList()));
    }

    public sealed record ListedItem(Guid Id, string Number, string Title, PetitionState State, Guid CurrentOrganizationId, List<OpenClock> Open);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/warnings", (DeadlineWarning? level, SupervisorList uc, CancellationToken ct) => uc.HandleAsync(level, ct))
            .WithSummary("督办清单：本辖区预警和逾期的信访件（黄/红/逾期）").Produces<List<WarnedItem>>();
}
