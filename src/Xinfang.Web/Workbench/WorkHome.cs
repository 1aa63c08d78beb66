using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Instructions;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Workbench;

/// <summary>One count on a role's home, with the list it stands for (a link into <c>/workbench</c> with the filter in the address).</summary>
public sealed record WaitingCount(string Key, string Label, int Count, bool Capped, string Link, string Tone);

/// <summary>One headline figure on a leader's home: its name, the value as shown, and its workings.</summary>
public sealed record Headline(string Label, string Value, string Workings);

/// <summary>
/// 我的待办 (issue 13): what waits for the signed-in staff member, by role — new, returned, supervised, near
/// due, overdue — each a link to the filtered list. Counts are capped at <see cref="WorkItems.CountCap"/>
/// and read through the same <see cref="WorkItems.Filtered"/> query as the lists they open, so a number and
/// its list never disagree.
/// </summary>
public sealed class WorkHome(WorkItems items, CurrentStaff staff, AppDbContext db, InstructionDesk instructions, IIndicatorSource numbers, IServiceProvider services)
{
    /// <summary>The indicators a leader's home shows for the year so far (domain.md §9), in this order.</summary>
    private static readonly string[] HeadlineCodes =
        [IndicatorCodes.OnTimeClosure, IndicatorCodes.Satisfaction, IndicatorCodes.Resolution, IndicatorCodes.Repeat];

    /// <summary>
    /// 本年数字 for those who oversee a jurisdiction (issue 13: leaders see the numbers on their home): items received
    /// this year so far and the headline indicators, each with its workings, from the same engine as /statistics
    /// (so the figures agree with the dashboard they link to). Empty for the roles that do not read the numbers.
    /// </summary>
    public async Task<IReadOnlyList<Headline>> HeadlinesAsync(CancellationToken ct)
    {
        if (!WorkItems.OverseesByDefault(staff.Role) || !IndicatorSource.MayReadStatistics(staff.Role))
        {
            return [];
        }

        var today = items.Today;
        var result = await numbers.ComputeAsync(new StatisticsScope(staff.OrganizationId, new DateOnly(today.Year, 1, 1), today), ct);
        var list = new List<Headline> { new("本年受理信访（件）", result.Total.Items.ToString(CultureInfo.InvariantCulture), $"{result.Total.Batches}批 {result.Total.Persons}人次") };
        foreach (var code in HeadlineCodes)
        {
            // Several sides share a code (满意率 of the bureau and of the units): the overall figure, else the first.
            var indicator = result.Indicators.Where(i => i.Code == code).OrderBy(i => i.Side != Side.All).FirstOrDefault();
            if (indicator is not null)
            {
                list.Add(new(indicator.Name, indicator.Value.Percent is { } p ? $"{p.ToString("0.0", CultureInfo.InvariantCulture)}%" : "—",
                    $"{indicator.NumeratorName} {indicator.Value.Numerator} ÷ {indicator.DenominatorName} {indicator.Value.Denominator}"));
            }
        }

        return list;
    }

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

        // Steps inside the body before the law's next step (issue 13): the head's 签发 and extension approvals
        // (条例 Art. 32 ¶1, Art. 34), the handler's returned drafts — offered to the roles that may take them.
        var actions = PetitionRules.ActionsOf(staff.Role);
        if (actions.Contains(PetitionAction.SignOffDecision))
        {
            await Add("signoff", WorkItems.WaitingName(WorkWaiting.SignOff), "info", new() { Wait = "signoff" });
        }

        if (actions.Contains(PetitionAction.ApproveExtension))
        {
            await Add("extension", WorkItems.WaitingName(WorkWaiting.Extension), "info", new() { Wait = "extension" });
        }

        if (actions.Contains(PetitionAction.DraftDecision) && !actions.Contains(PetitionAction.SignOffDecision))
        {
            await Add("redraft", WorkItems.WaitingName(WorkWaiting.Returned), "info", new() { Wait = "returned" });
        }

        // 协办待反馈 (主办/协办, issue 14): a unit's handlers and head give its 协办 意见; overdue 协办 tasks are flagged apart.
        // (A bureau named 协办 finds them with wait=cohandling; its home keeps to its own steps.)
        if (staff.Role is StaffRole.Handler or StaffRole.UnitHead)
        {
            await Add("cohandling", WorkItems.WaitingName(WorkWaiting.CoHandling), "info", new() { Wait = "cohandling" });
            await Add("cohandling-overdue", WorkItems.WaitingName(WorkWaiting.CoHandlingOverdue), "overdue", new() { Wait = "cohandling-overdue" });
        }

        // 领导批示 (Instructions module): the bureau's open ones to turn into 交办, or the leader's own still open.
        if (await instructions.OpenCountAsync(WorkItems.CountCap + 1, ct) is { } open)
        {
            var leader = staff.Role == StaffRole.Leader;
            counts.Add(new WaitingCount("instructions", leader ? "我的批示（未交办）" : "领导批示待交办", Math.Min(open, WorkItems.CountCap), open > WorkItems.CountCap, "/instructions", "info"));
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
        // ── duty (issue 14): 议定事项 given to my body, 缺报 below me, unread urgent reports addressed to me ──
        counts.AddRange(await Duty.DutyHome.CountsAsync(services, WorkItems.CountCap, ct));
        // ── end duty ──
        return counts;
    }
}
