using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;

namespace Xinfang.Domain.Tests.Statistics;

/// <summary>
/// A small jurisdiction for the statistics tests: a province, a city government (the 复查 body of the city's
/// departments), the city petition bureau and two departments. Every step is a public domain method at an
/// explicit Beijing day, 10:00.
/// </summary>
public sealed class StatisticsWorld
{
    private int _sequence;

    /// <param name="parent">Where the world hangs in a larger tree (the Web tests put it under a demo bureau); null: a tree of its own.</param>
    /// <param name="tag">Appended to every organisation code, so that the world's codes never clash with others.</param>
    public StatisticsWorld(Guid? parent = null, string tag = "")
    {
        Province = new Organization(Guid.NewGuid(), "330000ZF" + tag, "浙江省人民政府" + tag, "330000", OrganizationLevel.Province, OrganizationKind.PetitionBureau, parent);
        Government = new Organization(Guid.NewGuid(), "330100ZF" + tag, "杭州市人民政府" + tag, "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, Province.Id);
        Bureau = new Organization(Guid.NewGuid(), "330100XFJ" + tag, "杭州市信访局" + tag, "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, Province.Id);
        Housing = new Organization(Guid.NewGuid(), "330100ZJJ" + tag, "杭州市住房和城乡建设局" + tag, "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, Government.Id, "住建");
        Labour = new Organization(Guid.NewGuid(), "330100RSJ" + tag, "杭州市人力资源和社会保障局" + tag, "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, Government.Id, "人社");
        Organizations = [Province, Government, Bureau, Housing, Labour];
        Tree = new OrganizationTree(Organizations);
        BureauOfficer = new Actor("u-bureau", "李科长", Bureau.Id);
        ReviewOfficer = new Actor("u-review", "陈复查", Government.Id);
        ReReviewOfficer = new Actor("u-re-review", "周复核", Province.Id);
    }

    /// <summary>复核 of the city government's 复查 is by the province (条例 Art. 36).</summary>
    public Actor ReReviewOfficer { get; }

    public Organization Province { get; }

    public Organization Government { get; }

    public Organization Bureau { get; }

    public Organization Housing { get; }

    public Organization Labour { get; }

    public OrganizationTree Tree { get; }

    public IReadOnlyList<Organization> Organizations { get; }

    public Actor BureauOfficer { get; }

    public Actor ReviewOfficer { get; }

    public List<Petition> Items { get; } = [];

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    public static DateOnly D(int month, int day) => new(2026, month, day);

    public static PetitionerInfo Zhang { get; } = new("张三", IdDocumentType.ResidentIdCard, null, "13812345678", "杭州市西湖区文三路1号");

    public Actor OfficerOf(Organization unit) => new($"u-{unit.Code}", "经办人", unit.Id);

    public Petition Register(DateOnly received, PetitionForm form = PetitionForm.Letter, bool litigation = false, Guid? firstItem = null, bool collective = false, int headCount = 1, int batches = 1, bool skippedLevel = false,
        SkipLevelDestination? destination = null)
    {
        var intake = new PetitionIntake(form, At(received), "小区加装电梯补贴未发放", "申请的补贴至今未发放，请求依政策发放。", [Zhang],
            Collective: collective, HeadCount: headCount, VisitBatches: batches, LitigationRelated: litigation, FirstItemId: firstItem, SkippedLevel: skippedLevel,
            ContentClassCode: "CJ01", IssueLocationCode: "330106", SkipLevelDestination: destination);
        var p = Petition.Register(Guid.CreateVersion7(), $"{Bureau.Code}-2026-{++_sequence:D6}", "hash", Bureau, intake, BureauOfficer, At(received));
        Items.Add(p);
        return p;
    }

    public void Forward(Petition p, Organization unit, DateOnly on) => p.Forward(unit, Tree, null, BureauOfficer, At(on));

    /// <summary>The unit notifies, accepts and chooses a route on one day.</summary>
    public void Take(Petition p, Organization unit, DateOnly on, HandlingRoute route = HandlingRoute.Investigate)
    {
        var officer = OfficerOf(unit);
        p.NotifyReceipt("调查核实后出具处理意见书", false, officer, At(on));
        p.Accept(officer, At(on));
        p.ChooseRoute(route, null, officer, At(on));
    }

    public void Reply(Petition p, Organization unit, DateOnly decided, DateOnly served)
    {
        var officer = OfficerOf(unit);
        if (p.Route == HandlingRoute.Investigate)
        {
            p.Decide(DecisionOutcome.Support, "发放补贴", "经核实符合条件", "予以发放", "《管理办法》第十二条", officer, At(decided));
        }
        else
        {
            p.Decide(DecisionOutcome.DutyPerformed, "发放补贴", "经核实符合条件", "已发放", null, officer, At(decided));
        }

        p.Serve(ServiceMethod.InPerson, served, true, null, officer, At(served));
    }

    public void Rate(Petition p, DateOnly on, Satisfaction? bureau, Satisfaction? unit) =>
        p.Rate(bureau, bureau == Satisfaction.Dissatisfied ? "未解决" : null, unit, unit == Satisfaction.Dissatisfied ? "未解决" : null, Actor.Petitioner(Bureau.Id), At(on));

    public void Close(Petition p, DateOnly on, Resolution? resolution = null) =>
        p.Close(null, BureauOfficer, At(on), null, resolution, resolution is null ? null : "信访人表示接受");

    /// <summary>The period the fixture is worked out for: March 2026, computed on 2026-04-20.</summary>
    public static StatisticsPeriod FixturePeriod { get; } = new(D(3, 1), D(3, 31), D(4, 20));

    /// <summary>
    /// The hand-computed fixture of issue 12 (<c>HandComputedIndicatorTests</c>): eleven items (2026: Jan 5 is a
    /// Monday, Mar 1 a Sunday; 15/60/30-day periods in calendar days, no holiday calendar loaded). Letters unless
    /// said; registered by the city bureau.
    /// </summary>
    public static StatisticsWorld Fixture(Guid? parent = null, string tag = "")
    {
        var w = new StatisticsWorld(parent, tag);
        // A — received Jan 5, forwarded to 住建 Jan 6, notified+accepted Jan 8 (handling due Mar 9), replied Feb 20
        //     (on time), rated Feb 25, review window lapsed (due Mar 22), closed Mar 25 as 化解. Repeated by F.
        var a = w.Register(D(1, 5));
        w.Forward(a, w.Housing, D(1, 6));
        w.Take(a, w.Housing, D(1, 8));
        w.Reply(a, w.Housing, D(2, 18), D(2, 20));
        w.Rate(a, D(2, 25), Satisfaction.Satisfied, Satisfaction.BasicallySatisfied);
        w.Close(a, D(3, 25), Resolution.Resolved);
        // B — received Jan 9, forwarded to 人社 Jan 12, accepted Jan 30 (handling due Mar 31), never replied:
        //     open and overdue on Apr 20.
        var b = w.Register(D(1, 9));
        w.Forward(b, w.Labour, D(1, 12));
        w.Take(b, w.Labour, D(1, 30));
        // C — online, received Mar 2 (disposition due Mar 17), forwarded Mar 5 (on time; unit notice due Mar 20),
        //     notified+accepted Mar 10 (route 5), replied Mar 18 (16 days), rated Mar 20: bureau 满意, unit 不满意.
        var c = w.Register(D(3, 2), PetitionForm.Online);
        w.Forward(c, w.Housing, D(3, 5));
        w.Take(c, w.Housing, D(3, 10), HandlingRoute.PerformDuty);
        w.Reply(c, w.Housing, D(3, 16), D(3, 18));
        w.Rate(c, D(3, 20), Satisfaction.Satisfied, Satisfaction.Dissatisfied);
        // D — received Mar 3 (disposition due Mar 18), forwarded to 人社 only Mar 20: late. Unit notice due in April.
        var d = w.Register(D(3, 3));
        w.Forward(d, w.Labour, D(3, 20));
        // E — a collective, skip-level visit of 12 people in 2 batches, received Mar 25: its window ends Apr 9,
        //     outside March, so it is in March's volumes but not in March's 及时受理率 (although overdue now).
        w.Register(D(3, 25), PetitionForm.Visit, collective: true, headCount: 12, batches: 2, skippedLevel: true);
        // F — received Mar 26, a 重件 of A.
        w.Register(D(3, 26), firstItem: a.Id);
        // G — litigation-related letter received Mar 4, never disposed (due Mar 19): left out of every rate.
        w.Register(D(3, 4), litigation: true);
        // I — received Jan 12, forwarded Jan 13, accepted Jan 14 (handling due Mar 15), replied Jan 30;
        //     never rated (rating window due Mar 1: 超期未评价 in March); closed Mar 10 as 部分化解.
        var i = w.Register(D(1, 12));
        w.Forward(i, w.Housing, D(1, 13));
        w.Take(i, w.Housing, D(1, 14));
        w.Reply(i, w.Housing, D(1, 28), D(1, 30));
        w.Close(i, D(3, 10), Resolution.PartlyResolved);
        // J — moved between units: received Mar 9, forwarded to 住建 Mar 10 (on time), objection Mar 11, approved
        //     Mar 12, forwarded to 人社 Mar 13 (notice due Mar 28), notified Mar 16. Counts for 人社,
        //     and as one 转送 (Mar 10).
        var j = w.Register(D(3, 9));
        w.Forward(j, w.Housing, D(3, 10));
        j.RaiseObjection("不属于本单位职权范围", w.OfficerOf(w.Housing), At(D(3, 11)));
        j.ApproveObjection(null, w.BureauOfficer, At(D(3, 12)));
        w.Forward(j, w.Labour, D(3, 13));
        j.NotifyReceipt("调查核实", false, w.OfficerOf(w.Labour), At(D(3, 16)));
        // K — received Jan 6, forwarded Jan 7, accepted Jan 8 (handling due Mar 9), replied Feb 24 (rating due Mar 26,
        //     never rated), 复查 requested Mar 5.
        var k = w.Register(D(1, 6));
        w.Forward(k, w.Housing, D(1, 7));
        w.Take(k, w.Housing, D(1, 8));
        w.Reply(k, w.Housing, D(2, 9), D(2, 24));
        k.RequestReview(w.Government, w.Tree, "补贴金额计算有误", Actor.Petitioner(w.Bureau.Id), At(D(3, 5)));
        // L — received Mar 11 (disposition due Mar 26), 不予受理 Mar 12: a disposition within the window.
        var l = w.Register(D(3, 11));
        l.Decline(DeclineRule.NotCompetent, "属于合同纠纷", "向人民法院起诉", w.BureauOfficer, At(D(3, 12)));
        return w;
    }

    /// <summary>The facts of every item, as the database keeps them (repeats marked on their 初件).</summary>
    public List<ItemFacts> Facts() =>
        [.. Items.Select(p => ItemFacts.Of(p, p.RegisteringOrganizationId == Bureau.Id ? OrganizationKind.PetitionBureau : OrganizationKind.ResponsibleUnit, Items.Any(q => q.FirstItemId == p.Id)))];

    public Guid[] Subtree(Organization root) => [.. Tree.All.Where(o => o.Id == root.Id || Tree.IsWithin(o.Id, root.Id)).Select(o => o.Id)];
}

/// <summary>The rules evaluated in memory (the database evaluates the same expressions as SQL).</summary>
public static class InMemory
{
    public static (long Numerator, long Denominator) Figure(IEnumerable<ItemFacts> facts, Guid[] orgs, StatisticsPeriod period, string code, StatisticsSide side, StatisticsSettings? settings = null)
    {
        var rule = IndicatorRules.Indicators(period, settings ?? StatisticsSettings.Default).Single(r => r.Code == code && r.Side == side);
        var population = IndicatorRules.Population(side, orgs).Compile();
        var below = facts.Where(population).Where(rule.Denominator.Compile()).ToList();
        return rule.Sum is { } sum
            ? (below.Sum(sum.Compile()), below.Count)
            : (facts.Where(population).Count(rule.Numerator.Compile()), below.Count);
    }

    public static long Count(IEnumerable<ItemFacts> facts, Guid[] orgs, StatisticsPeriod period, string code) =>
        facts.Where(IndicatorRules.Population(StatisticsSide.All, orgs).Compile()).Count(IndicatorRules.Counts(period).Single(c => c.Code == code).Counted.Compile());
}
