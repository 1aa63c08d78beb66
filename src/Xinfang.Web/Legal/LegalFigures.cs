using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Legal;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Legal;

/// <summary>A count under a name (a subject, a conclusion).</summary>
public sealed record LegalRow(string Key, string Name, int Count);

/// <summary>Referrals of one kind made in the period, and where each stands now.</summary>
public sealed record ReferralRow(string Key, string Name, int Referred, int Accepted, int Assisted, int NotEligible, int NotApplied, int Pending);

/// <summary>
/// The module's figures of a jurisdiction and period: opinions by what they were on, referrals by kind and outcome,
/// case reviews by conclusion, typical cases compiled and published. Each list has every key (zeros too) and ends with 合计.
/// </summary>
public sealed record LegalFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, IReadOnlyList<LegalRow> Opinions, IReadOnlyList<ReferralRow> Referrals,
    IReadOnlyList<LegalRow> Reviews, int CasesCompiled, int CasesPublished)
{
    public LegalRow OpinionTotal => Opinions[^1];

    public ReferralRow ReferralTotal => Referrals[^1];

    public LegalRow ReviewTotal => Reviews[^1];
}

/// <summary>
/// What the module counts for a jurisdiction and period (issue 14): each record belongs to the body whose staff recorded
/// it (an opinion's and a referral's recording body, a review's and a typical case's body), counted when that body lies
/// in the chosen body's subtree and its day — given, referred, reviewed, compiled, published — lies in the period.
/// A referral's outcome is where it stands now. Scoped and refused as the statistics are
/// (<see cref="StatisticsEndpoints.ScopeOf"/>, <see cref="IndicatorSource.MayReadStatistics"/>); its own query.
/// </summary>
public sealed class LegalFigures(AppDbContext db, PetitionGuard guard, OrganizationDirectory directory)
{
    public async Task<LegalFiguresResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
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

        var bodies = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var opinions = await db.Set<LawyerOpinion>().AsNoTracking()
            .Where(o => bodies.Contains(o.RecordedByOrganizationId) && o.GivenOn >= from && o.GivenOn <= to).Select(o => o.Subject).ToListAsync(ct);
        var referrals = await db.Set<AidReferral>().AsNoTracking()
            .Where(r => bodies.Contains(r.ReferredByOrganizationId) && r.ReferredOn >= from && r.ReferredOn <= to).Select(r => new { r.Kind, r.Outcome }).ToListAsync(ct);
        var reviews = await db.Set<CaseReview>().AsNoTracking()
            .Where(r => bodies.Contains(r.OrganizationId) && r.ReviewedOn >= from && r.ReviewedOn <= to).Select(r => r.Conclusion).ToListAsync(ct);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset);
        var end = DeadlineTime.EndOfDay(to);
        var cases = await db.Set<TypicalCase>().AsNoTracking().Where(c => bodies.Contains(c.OrganizationId))
            .Select(c => new { c.CompiledAt, c.Published, c.PublishedOn }).ToListAsync(ct);

        ReferralRow Referral(string key, string name, IEnumerable<ReferralOutcome?> outcomes)
        {
            var list = outcomes.ToList();
            return new ReferralRow(key, name, list.Count, list.Count(o => o == ReferralOutcome.Accepted), list.Count(o => o == ReferralOutcome.Assisted),
                list.Count(o => o == ReferralOutcome.NotEligible), list.Count(o => o == ReferralOutcome.NotApplied), list.Count(o => o is null));
        }

        return new LegalFiguresResult(scope.OrganizationId, from, to,
            [.. LawyerOpinion.Subjects.Select(s => new LegalRow(s.ToString(), LawyerOpinion.NameOf(s), opinions.Count(o => o == s))), new LegalRow("total", "合计", opinions.Count)],
            [.. AidReferral.Kinds.Select(k => Referral(k.ToString(), AidReferral.NameOf(k), referrals.Where(r => r.Kind == k).Select(r => r.Outcome))), Referral("total", "合计", referrals.Select(r => r.Outcome))],
            [.. CaseReview.Conclusions.Select(c => new LegalRow(c.ToString(), CaseReview.NameOf(c), reviews.Count(r => r == c))), new LegalRow("total", "合计", reviews.Count)],
            cases.Count(c => c.CompiledAt >= start && c.CompiledAt <= end),
            cases.Count(c => c.Published && c.PublishedOn >= from && c.PublishedOn <= to));
    }
}

/// <summary>The annual report's section of this module: one paragraph and its tables (issue 14).</summary>
public static class LegalReport
{
    public const string OpinionsKey = "legal-opinions";
    public const string ReferralsKey = "legal-referrals";
    public const string ReviewsKey = "case-reviews";

    public static IReadOnlyList<ReportBlock> Blocks(LegalFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [new ReportParagraph(Sentence(r)), .. Tables(r).Select(t => new ReportTableBlock(t))];
    }

    public static string Sentence(LegalFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.ReferralTotal;
        return string.Create(CultureInfo.InvariantCulture,
            $"律师参与和法律援助：律师出具意见{r.OpinionTotal.Count}件；对生活困难的信访人转介帮扶救助{t.Referred}件（已受理{t.Accepted}件、已援助{t.Assisted}件、不符合条件{t.NotEligible}件、未申请{t.NotApplied}件、待反馈{t.Pending}件）；"
            + $"案审{r.ReviewTotal.Count}件；编写典型案例{r.CasesCompiled}件，经信访人同意公开发布{r.CasesPublished}件。");
    }

    public static IReadOnlyList<ReportTable> Tables(LegalFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return
        [
            new ReportTable(OpinionsKey, "律师意见（按意见针对）", ["意见针对", "件数"], r.Opinions.Select(o => (IReadOnlyList<object?>)[o.Name, o.Count]).ToList()),
            new ReportTable(ReferralsKey, "帮扶救助转介（按类别和结果）", ["类别", "转介", "已受理", "已援助", "不符合条件", "未申请", "待反馈"],
                r.Referrals.Select(x => (IReadOnlyList<object?>)[x.Name, x.Referred, x.Accepted, x.Assisted, x.NotEligible, x.NotApplied, x.Pending]).ToList()),
            new ReportTable(ReviewsKey, "案审（按结论）", ["案审结论", "件数"], r.Reviews.Select(o => (IReadOnlyList<object?>)[o.Name, o.Count]).ToList()),
        ];
    }
}
