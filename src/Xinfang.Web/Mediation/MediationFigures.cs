using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Mediation;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Mediation;

/// <summary>One row of the figures: sessions held, of them 达成协议 / 部分达成 / 未达成.</summary>
public sealed record MediationRow(string Key, string Name, int Sessions, int Agreed, int PartlyAgreed, int NotAgreed);

/// <summary>
/// 调解/评理 figures of a jurisdiction and period (seed 泰宁: 151 sessions, 144 resolved): sessions by kind (every kind,
/// zeros too) and the 评理 sessions by mode (every mode); the items involved (distinct); 达成协议 and its rate
/// (<see cref="MediationCounting.AgreedRate"/>: ÷ sessions with an outcome); the lawyers' and deputies' part — sessions
/// they took part in and their 人次.
/// </summary>
public sealed record MediationFiguresResult(
    Guid OrganizationId,
    DateOnly From,
    DateOnly To,
    MediationRow Total,
    IReadOnlyList<MediationRow> ByKind,
    IReadOnlyList<MediationRow> ByMode,
    int Items,
    int WithOutcome,
    decimal? AgreedRate,
    int Agreements,
    int LawyerSessions,
    int LawyerTimes,
    int DeputySessions,
    int DeputyTimes)
{
    /// <summary>The rate as the seeds write it (95.4%), or "—".</summary>
    public string AgreedRateText => AgreedRate is { } r ? $"{r.ToString("0.0", CultureInfo.InvariantCulture)}%" : "—";
}

/// <summary>
/// The figures' own query (the statistics fact table knows nothing of mediation): the sessions held on a day of the
/// period by the bodies of the organisation's subtree. Scoped as the statistics are (<see cref="StatisticsEndpoints.ScopeOf"/>,
/// the readers of <see cref="IndicatorSource.MayReadStatistics"/>, only the reader's own subtree).
/// </summary>
public sealed class MediationFigures(AppDbContext db, PetitionGuard guard, OrganizationDirectory directory)
{
    public async Task<MediationFiguresResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var staff = guard.Staff ?? throw new StatisticsAccessDenied("请先登录");
        if (!IndicatorSource.MayReadStatistics(staff.Role))
        {
            throw new StatisticsAccessDenied("统计数据由领导、督查人员、信访部门登记办理人员和单位负责人查看");
        }

        if (!directory.Contains(scope.OrganizationId) || !directory.IsWithin(scope.OrganizationId, staff.OrganizationId))
        {
            throw new StatisticsAccessDenied("只能查看本机关及下属机构的统计数据");
        }

        return await CountAsync(db, directory, scope, ct);
    }

    /// <summary>The counting itself, for a scope already checked (the dashboard's section and the annual report, in their own DI scope).</summary>
    public static async Task<MediationFiguresResult> CountAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var bodies = directory.Subtree(scope.OrganizationId).ToList();
        var sessions = await db.Set<MediationSession>().AsNoTracking()
            .Where(s => bodies.Contains(s.OrganizationId) && s.HeldOn >= scope.From && s.HeldOn <= scope.To)
            .ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        // Counts of the linked items, never their content: an item mediated here counts here wherever it went since.
        var items = await db.Set<MediationSessionItem>().AsNoTracking().Where(i => ids.Contains(i.SessionId)).Select(i => i.PetitionId).Distinct().CountAsync(ct);

        static MediationRow Row(string key, string name, IEnumerable<MediationSession> of)
        {
            var list = of.ToList();
            return new MediationRow(key, name, list.Count, list.Count(s => s.Outcome == MediationOutcome.Agreed),
                list.Count(s => s.Outcome == MediationOutcome.PartlyAgreed), list.Count(s => s.Outcome == MediationOutcome.NotAgreed));
        }

        var total = Row("total", "合计", sessions);
        var withOutcome = total.Agreed + total.PartlyAgreed + total.NotAgreed;
        int Sessions(ParticipantRole role) => sessions.Count(s => s.Participants.Any(p => p.Role == role));
        int Times(ParticipantRole role) => sessions.Sum(s => s.Participants.Count(p => p.Role == role));
        return new MediationFiguresResult(scope.OrganizationId, scope.From, scope.To, total,
            MediationKinds.All.Select(k => Row(k.ToString(), MediationKinds.NameOf(k), sessions.Where(s => s.Kind == k))).ToList(),
            MediationKinds.Modes.Select(m => Row(m.ToString(), MediationKinds.NameOf(m), sessions.Where(s => s.Mode == m))).ToList(),
            items, withOutcome, MediationCounting.AgreedRate(total.Agreed, withOutcome), sessions.Count(s => s.HasAgreement),
            Sessions(ParticipantRole.Lawyer), Times(ParticipantRole.Lawyer), Sessions(ParticipantRole.Deputy), Times(ParticipantRole.Deputy));
    }
}

/// <summary>The annual report's 调解评理 section (issue 14): one sentence with the totals, a table by kind and one by 评理 mode.</summary>
public static class MediationReport
{
    public static IReadOnlyList<ReportBlock> Blocks(MediationFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [new ReportParagraph(Sentence(r)), new ReportTableBlock(Table("mediation-kinds", "调解评理情况（按类型）", "类型", r.ByKind.Append(r.Total))),
            new ReportTableBlock(Table("mediation-modes", "信访评理室评理情况（按评理方式）", "评理方式", r.ByMode))];
    }

    /// <summary>As the seeds write it (泰宁: 调处151场次，化解144起).</summary>
    public static string Sentence(MediationFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.Total;
        if (t.Sessions == 0)
        {
            return "调解评理：统计期间没有记录调解或评理。";
        }

        var kinds = string.Join("，", r.ByKind.Where(k => k.Sessions > 0).Select(k => $"{k.Name}{k.Sessions}场次"));
        return $"调解评理：开展调解、评理{t.Sessions}场次（{kinds}），涉及信访事项{r.Items}件；已有结果{r.WithOutcome}场次，其中达成协议{t.Agreed}场次、" +
            $"部分达成{t.PartlyAgreed}场次、未达成{t.NotAgreed}场次，达成协议率{r.AgreedRateText}；制作调解协议书、和解协议书{r.Agreements}份；" +
            $"律师参与{r.LawyerSessions}场次{r.LawyerTimes}人次，人大代表、政协委员参与{r.DeputySessions}场次{r.DeputyTimes}人次。";
    }

    private static ReportTable Table(string key, string title, string label, IEnumerable<MediationRow> rows) => new(key, title,
        [label, "场次", "达成协议", "部分达成", "未达成"],
        rows.Select(k => (IReadOnlyList<object?>)[k.Name, k.Sessions, k.Agreed, k.PartlyAgreed, k.NotAgreed]).ToList());
}
