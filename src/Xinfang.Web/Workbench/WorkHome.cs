using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Workbench;

/// <summary>One count on a role's home, with the list it stands for (a link into <c>/workbench</c> with the filter in the address).</summary>
public sealed record WaitingCount(string Key, string Label, int Count, bool Capped, string Link, string Tone);

/// <summary>
/// 我的待办 (issue 13): what waits for the signed-in staff member, by role — new, returned, supervised, near
/// due, overdue — each a link to the filtered list. Counts are capped at <see cref="WorkItems.CountCap"/>
/// and read through the same <see cref="WorkItems.Filtered"/> query as the lists they open, so a number and
/// its list never disagree.
/// </summary>
public sealed class WorkHome(WorkItems items, CurrentStaff staff, AppDbContext db)
{
    public async Task<IReadOnlyList<WaitingCount>> CountsAsync(CancellationToken ct)
    {
        var oversee = WorkItems.OverseesByDefault(staff.Role);
        var counts = new List<WaitingCount>();
        var view = oversee ? "jurisdiction" : null;

        async Task Add(string key, string label, string tone, WorkFilter filter)
        {
            filter.View = view;
            var (query, _) = WorkQuery.Parse(filter);
            var n = await items.Filtered(query!).Take(WorkItems.CountCap + 1).CountAsync(ct);
            counts.Add(new WaitingCount(key, label, Math.Min(n, WorkItems.CountCap), n > WorkItems.CountCap, $"/workbench?{filter.ToQuery()}", tone));
        }

        switch (staff.Role)
        {
            case StaffRole.Registrar:
                await Add("new", "新登记待转送交办", "info", new() { State = nameof(PetitionState.Registered) });
                await Add("returned", "异议待核实", "info", new() { State = nameof(PetitionState.ObjectionRaised) });
                break;
            case StaffRole.Handler or StaffRole.UnitHead:
                await Add("forwarded", "新转送待受理", "info", new() { State = nameof(PetitionState.Forwarded) });
                await Add("assigned", "新交办待受理", "info", new() { State = nameof(PetitionState.Assigned) });
                await Add("handling", "办理中", "info", new() { State = nameof(PetitionState.Handling) });
                break;
            case StaffRole.Reviewer:
                await Add("review", "复查中", "info", new() { State = nameof(PetitionState.UnderReview) });
                await Add("rereview", "复核中", "info", new() { State = nameof(PetitionState.UnderReReview) });
                break;
            case StaffRole.Leader or StaffRole.Supervisor:
                await Add("open", "本辖区在办", "info", new());
                await Add("yellow", "黄牌预警", "yellow", new() { Level = nameof(DeadlineWarning.Yellow) });
                break;
            default:
                return counts;
        }

        if (!oversee)
        {
            // 首办责任人 (issue 13): the items my body holds that name me.
            await Add("mine", "我负责的", "info", new() { Mine = "1" });
        }

        await Add("near", "临期（红牌）", "red", new() { Level = nameof(DeadlineWarning.Red) });
        await Add("overdue", "已逾期", "overdue", new() { Level = nameof(DeadlineWarning.Overdue) });

        // 督办中: the open notices addressed to my body (units answer them on /supervision), or for those
        // who supervise, the ones my body issued.
        var me = staff.OrganizationId;
        var supervised = await db.Set<SupervisionNotice>().AsNoTracking()
            .Where(n => n.Status == SupervisionStatus.Open && (oversee ? n.IssuedByOrganizationId == me : n.AddressedToOrganizationId == me))
            .Take(WorkItems.CountCap + 1).CountAsync(ct);
        counts.Add(new WaitingCount("supervised", oversee ? "督办中（本单位发出）" : "督办待反馈", Math.Min(supervised, WorkItems.CountCap), supervised > WorkItems.CountCap, "/supervision", "info"));
        return counts;
    }
}
