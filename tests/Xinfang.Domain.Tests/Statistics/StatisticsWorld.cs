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

    public StatisticsWorld()
    {
        Province = new Organization(Guid.NewGuid(), "330000ZF", "浙江省人民政府", "330000", OrganizationLevel.Province, OrganizationKind.PetitionBureau, null);
        Government = new Organization(Guid.NewGuid(), "330100ZF", "杭州市人民政府", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, Province.Id);
        Bureau = new Organization(Guid.NewGuid(), "330100XFJ", "杭州市信访局", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, Province.Id);
        Housing = new Organization(Guid.NewGuid(), "330100ZJJ", "杭州市住房和城乡建设局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, Government.Id, "住建");
        Labour = new Organization(Guid.NewGuid(), "330100RSJ", "杭州市人力资源和社会保障局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, Government.Id, "人社");
        Tree = new OrganizationTree([Province, Government, Bureau, Housing, Labour]);
        BureauOfficer = new Actor("u-bureau", "李科长", Bureau.Id);
        ReviewOfficer = new Actor("u-review", "陈复查", Government.Id);
    }

    public Organization Province { get; }

    public Organization Government { get; }

    public Organization Bureau { get; }

    public Organization Housing { get; }

    public Organization Labour { get; }

    public OrganizationTree Tree { get; }

    public Actor BureauOfficer { get; }

    public Actor ReviewOfficer { get; }

    public List<Petition> Items { get; } = [];

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    public static DateOnly D(int month, int day) => new(2026, month, day);

    public static PetitionerInfo Zhang { get; } = new("张三", IdDocumentType.ResidentIdCard, null, "13812345678", "杭州市西湖区文三路1号");

    public Actor OfficerOf(Organization unit) => new($"u-{unit.Code}", "经办人", unit.Id);

    public Petition Register(DateOnly received, PetitionForm form = PetitionForm.Letter, bool litigation = false, Guid? firstItem = null, bool collective = false, int headCount = 1, int batches = 1, bool skippedLevel = false)
    {
        var intake = new PetitionIntake(form, At(received), "小区加装电梯补贴未发放", "申请的补贴至今未发放，请求依政策发放。", [Zhang],
            Collective: collective, HeadCount: headCount, VisitBatches: batches, LitigationRelated: litigation, FirstItemId: firstItem, SkippedLevel: skippedLevel,
            ContentClassCode: "CJ01", IssueLocationCode: "330106");
        var p = Petition.Register(Guid.CreateVersion7(), $"330100XFJ-2026-{++_sequence:D6}", "hash", Bureau, intake, BureauOfficer, At(received));
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
