using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Builders;

/// <summary>
/// A small world for one petition: the organisations it moves between, the people who act, and a
/// fake clock that only moves when a step or a test moves it. Every step goes through a public
/// domain method, so a scenario can only ever hold a petition the rules allow.
/// </summary>
public sealed class Scenario
{
    /// <summary>Tuesday 2026-03-10, 09:00 in Beijing: receipt day (day 0) of the default petition.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static int _sequence;

    private Scenario(DateTimeOffset start)
    {
        Now = start;
        // The tree the review rule reads (条例 Arts. 35–36, OrganizationTree.SuperiorsOf): a government is
        // a petition-bureau node (it stands for its 党委和政府). The unit is a department of 杭州市人民政府,
        // so 复查 goes to that government and 复核 to the province's.
        ReReviewer = new Organization(Guid.NewGuid(), "330000ZF", "浙江省人民政府", "330000", OrganizationLevel.Province, OrganizationKind.PetitionBureau, null);
        Reviewer = new Organization(Guid.NewGuid(), "330100ZF", "杭州市人民政府", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, ReReviewer.Id);
        CityBureau = new Organization(Guid.NewGuid(), "330100XFJ", "杭州市信访局", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, ReReviewer.Id);
        Unit = new Organization(Guid.NewGuid(), "330100ZJJ", "杭州市住房和城乡建设局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, Reviewer.Id, "住建");
        PoliticalLegal = new Organization(Guid.NewGuid(), "330100ZFW", "杭州市委政法委员会", "330100", OrganizationLevel.City, OrganizationKind.PoliticalLegal, Reviewer.Id);
        Discipline = new Organization(Guid.NewGuid(), "330100JJW", "杭州市纪委监委", "330100", OrganizationLevel.City, OrganizationKind.DisciplineInspection, Reviewer.Id);
        Tree = new OrganizationTree([ReReviewer, Reviewer, CityBureau, Unit, PoliticalLegal, Discipline]);

        Registrar = new Actor("u-registrar", "王登记", CityBureau.Id);
        BureauOfficer = new Actor("u-bureau", "李科长", CityBureau.Id);
        UnitOfficer = new Actor("u-unit", "张经办", Unit.Id);
        UnitHead = new Actor("u-unit-head", "刘局长", Unit.Id);
        ReviewOfficer = new Actor("u-review", "陈复查", Reviewer.Id);
        ReReviewOfficer = new Actor("u-rereview", "赵复核", ReReviewer.Id);
        PetitionerActor = Actor.Petitioner(CityBureau.Id);
    }

    /// <summary>The organisations above, as the review rule reads them.</summary>
    public OrganizationTree Tree { get; }

    public Organization CityBureau { get; }

    public Organization Unit { get; }

    public Organization PoliticalLegal { get; }

    public Organization Discipline { get; }

    /// <summary>The level above the handling unit: where 复查 goes (Art. 35).</summary>
    public Organization Reviewer { get; }

    /// <summary>The level above the reviewer: where 复核 goes (Art. 36).</summary>
    public Organization ReReviewer { get; }

    public Actor Registrar { get; }

    public Actor BureauOfficer { get; }

    public Actor UnitOfficer { get; }

    /// <summary>The unit's head: signs the 处理意见 off and approves extensions (条例 Art. 34).</summary>
    public Actor UnitHead { get; }

    public Actor ReviewOfficer { get; }

    public Actor ReReviewOfficer { get; }

    public Actor PetitionerActor { get; }

    /// <summary>The fake clock. Only <see cref="Advance"/>, <see cref="At"/> and the steps move it.</summary>
    public DateTimeOffset Now { get; private set; }

    public DateOnly Today => DeadlineTime.LocalDate(Now);

    public Petition Petition => _petition ?? throw new InvalidOperationException("Register a petition first.");

    private Petition? _petition;

    public static Scenario New(DateTimeOffset? start = null) => new(start ?? DefaultStart);

    /// <summary>Moves the clock forward by whole days (keeping the time of day).</summary>
    public Scenario Advance(int days = 1)
    {
        Now = Now.AddDays(days);
        return this;
    }

    /// <summary>Sets the clock to 10:00 Beijing time on <paramref name="day"/>; never backwards.</summary>
    public Scenario At(DateOnly day)
    {
        var next = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        if (next < Now)
        {
            throw new InvalidOperationException($"The clock does not go back: {Now:O} → {next:O}");
        }

        Now = next;
        return this;
    }

    // ---- intakes ------------------------------------------------------------------------------

    public static PetitionerInfo Zhang { get; } = new("张三", IdDocumentType.ResidentIdCard, "11010519491231002X", "13812345678", "杭州市西湖区文三路1号", null, false);

    public static PetitionerInfo Li { get; } = new("李四", IdDocumentType.ResidentIdCard, null, "0571-87654321", "杭州市上城区解放路2号", null, false);

    /// <summary>A signed letter asking for something (申诉求决类), received at <see cref="Now"/>.</summary>
    public PetitionIntake Letter() => new(
        PetitionForm.Letter, Now, "小区加装电梯补贴未发放", "本人所在小区2025年完成加装电梯，申请的补贴至今未发放，请求依政策发放。", [Zhang]);

    /// <summary>A visitor raising a matter that belongs in court (涉法涉诉走访).</summary>
    public PetitionIntake LitigationVisit() => Letter() with
    {
        Form = PetitionForm.Visit,
        Title = "对民事判决不服",
        Content = "信访人对区法院就房屋买卖纠纷作出的民事判决不服，要求改判。",
        LitigationRelated = true,
    };

    // ---- steps: each goes through one public domain method ----------------------------------

    /// <summary>Registers at the city bureau (or <paramref name="at"/>) on today's clock.</summary>
    public Scenario Register(PetitionIntake? intake = null, Organization? at = null, Actor? registrar = null)
    {
        var org = at ?? CityBureau;
        var number = $"{org.Code}-{Today.Year}-{Interlocked.Increment(ref _sequence):D6}";
        _petition = Petition.Register(Guid.CreateVersion7(), number, "query-code-hash", org, intake ?? Letter(), registrar ?? Registrar, Now);
        return this;
    }

    public Scenario Forward(Organization? target = null, DateOnly? occurredOn = null) => Step(p => p.Forward(target ?? Unit, Tree, null, BureauOfficer, Now, occurredOn));

    public Scenario Assign(Organization? target = null, int reportWithinDays = 45, DateOnly? occurredOn = null) =>
        Step(p => p.Assign(target ?? Unit, Tree, Today.AddDays(reportWithinDays), "请按期报送办结报告", BureauOfficer, Now, occurredOn));

    /// <summary>登记收到: the unit records the day the forwarded or assigned item reached it (Art. 23 ¶3).</summary>
    public Scenario RecordReceipt(DateOnly? occurredOn = null) => Step(p => p.RecordReceipt(UnitOfficer, Now, occurredOn));

    public Scenario GuideToPoliticalLegal() =>
        Step(p => p.GuideToPoliticalLegal("杭州市中级人民法院", "当事人对生效判决不服的，可以依法申请再审。", BureauOfficer, Now));

    public Scenario AnswerDirectly() => Step(p => p.AnswerDirectly("补贴将于本月底前发放到位。", BureauOfficer, Now));

    public Scenario Decline() =>
        Step(p => p.Decline(DeclineRule.NotCompetent, "所反映问题属于物业合同纠纷", "向西湖区人民法院提起民事诉讼", BureauOfficer, Now));

    public Scenario RefuseAgain() =>
        Step(p => p.RefuseAgain(DeclineRule.AfterReReview, "同一事实和理由已经复核", "无", BureauOfficer, Now, ReReviewedEarlier));

    /// <summary>A linked 初件 whose 复核 opinion was served: what 不再受理 under Art. 36 ¶3 rests on.</summary>
    public EarlierItem ReReviewedEarlier { get; } = new(Guid.Parse("0197a000-0000-7000-8000-000000000001"), "330106XFJ-2025-000007", PetitionState.Closed, true, false, OrganizationLevel.County, "西湖区住房和城乡建设局");

    public Scenario RaiseObjection(DateOnly? occurredOn = null) =>
        Step(p => p.RaiseObjection("所反映的补贴由区住建局负责审核发放，不属于本单位职权范围。", UnitOfficer, Now, occurredOn));

    public Scenario Accept(DateOnly? occurredOn = null) => Step(p => p.Accept(UnitOfficer, Now, occurredOn));

    public Scenario ChooseRoute(HandlingRoute route = HandlingRoute.Investigate) =>
        Step(p => p.ChooseRoute(route, route is HandlingRoute.PerformDuty or HandlingRoute.Investigate ? null : "请向有管辖权的机关提出。", UnitOfficer, Now));

    public Scenario Decide(DateOnly? occurredOn = null) => Step(p =>
    {
        if (p.Route == HandlingRoute.Investigate)
        {
            p.Decide(DecisionOutcome.Support, "发放加装电梯补贴", "经核实符合补贴条件", "予以发放", "《杭州市既有住宅加装电梯管理办法》第十二条", UnitOfficer, Now, occurredOn);
        }
        else
        {
            p.Decide(DecisionOutcome.DutyPerformed, "发放加装电梯补贴", "经核实符合补贴条件", "已发放", null, UnitOfficer, Now, occurredOn);
        }
    });

    /// <summary>送达 on <paramref name="servedOn"/> (default: the day it is entered).</summary>
    public Scenario Serve(DateOnly? servedOn = null) => Step(p => p.Serve(ServiceMethod.InPerson, servedOn ?? Today, true, null, UnitOfficer, Now));

    public Scenario RequestReview(DateOnly? occurredOn = null) => Step(p => p.RequestReview(Reviewer, Tree, "补贴金额计算有误", PetitionerActor, Now, occurredOn));

    public Scenario IssueReviewOpinion(DateOnly? servedOn = null) => Step(p => p.IssueReviewOpinion("维持原处理意见", servedOn ?? Today, ReviewOfficer, Now));

    public Scenario RequestReReview(DateOnly? occurredOn = null) => Step(p => p.RequestReReview(ReReviewer, Tree, "复查未核实补贴标准", PetitionerActor, Now, occurredOn));

    public Scenario IssueReReviewOpinion(DateOnly? servedOn = null) => Step(p => p.IssueReReviewOpinion("维持复查意见", servedOn ?? Today, false, ReReviewOfficer, Now));

    public Scenario Close(DateOnly? occurredOn = null) => Step(p => p.Close(null, BureauOfficer, Now, occurredOn));

    /// <summary>Moves the clock one day, then acts: each step of a history happens on its own day.</summary>
    private Scenario Step(Action<Petition> act)
    {
        Advance();
        act(Petition);
        return this;
    }

    // ---- any state -----------------------------------------------------------------------------

    /// <summary>
    /// A fresh petition driven into <paramref name="state"/> by the ordinary path. The item reaches
    /// the unit by 交办 (so a completion report is due) and is handled on route 6. Pass
    /// <paramref name="intake"/> to shape the petition (e.g. a litigation visit) and
    /// <paramref name="start"/> to move the receipt day; each step then happens one day later.
    /// </summary>
    public static Scenario InState(PetitionState state, Func<Scenario, PetitionIntake>? intake = null, DateTimeOffset? start = null)
    {
        var s = New(start);
        return s.Drive(state, intake);
    }

    /// <summary>Registers this scenario's petition and drives it into <paramref name="state"/>.</summary>
    public Scenario Drive(PetitionState state, Func<Scenario, PetitionIntake>? intake = null) => state switch
    {
        PetitionState.Registered => Register(intake?.Invoke(this)),
        PetitionState.Forwarded => Drive(PetitionState.Registered, intake).Forward(),
        PetitionState.Assigned => Drive(PetitionState.Registered, intake).Assign(),
        PetitionState.ObjectionRaised => Drive(PetitionState.Forwarded, intake).RaiseObjection(),
        PetitionState.Accepted => Drive(PetitionState.Assigned, intake).Accept(),
        PetitionState.Handling => Drive(PetitionState.Accepted, intake).ChooseRoute(HandlingRoute.Investigate),
        PetitionState.GuidedToProcedure => Drive(PetitionState.Accepted, intake).ChooseRoute(HandlingRoute.LitigationProcedure),
        PetitionState.Decided => Drive(PetitionState.Handling, intake).Decide(),
        PetitionState.Served => Drive(PetitionState.Decided, intake).Serve(),
        PetitionState.GuidedToPoliticalLegal => Drive(PetitionState.Registered, intake ?? (s => s.LitigationVisit())).GuideToPoliticalLegal(),
        PetitionState.Declined => Drive(PetitionState.Registered, intake).Decline(),
        PetitionState.RefusedAgain => Drive(PetitionState.Registered, intake).RefuseAgain(),
        PetitionState.UnderReview => Drive(PetitionState.Served, intake).RequestReview(),
        PetitionState.ReviewOpinionServed => Drive(PetitionState.UnderReview, intake).IssueReviewOpinion(),
        PetitionState.UnderReReview => Drive(PetitionState.ReviewOpinionServed, intake).RequestReReview(),
        PetitionState.ReReviewOpinionServed => Drive(PetitionState.UnderReReview, intake).IssueReReviewOpinion(),
        // Closed by the bureau once nothing can follow: after the 复核 opinion (Art. 36), no window runs.
        PetitionState.Closed => Drive(PetitionState.ReReviewOpinionServed, intake).Close(),
        PetitionState.Voided => Drive(PetitionState.Registered, intake).Step(p => p.VoidRegistration("重复登记", Registrar, Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "No path to this state yet: add one."),
    };
}
