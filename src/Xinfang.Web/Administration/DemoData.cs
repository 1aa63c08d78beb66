using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;

namespace Xinfang.Web.Administration;

/// <summary>
/// First run: migrate the database, then — on an empty database, when switched on (Xinfang:Demo:Enabled) — seed a demo
/// jurisdiction (one province, two cities, counties and townships with their bureaus and units),
/// one staff account per role, and a few hundred petitions in every state, all made through the
/// domain's own methods so the demo can never hold an impossible item.
/// </summary>
public static class DemoData
{
    public const string DemoPassword = "Xinfang-demo-2026";

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await Operations.SchemaCheck.MigrateAsync(db); // refuses a database migrated by a newer build (ADR 0159)

        await LoadDirectoriesAsync(sp, db);
        var config = app.Configuration;
        // issue 9 finding 5: the demo jurisdiction, accounts (administrator included, with the README's
        // password) and petitions only by opt-in — appsettings.Development.json and the test hosts set it.
        if (!config.GetValue("Xinfang:Demo:Enabled", false))
        {
            await AdminCommands.TellHowToCreateTheFirstAdministratorAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Xinfang.Setup"));
            return;
        }

        if (!await db.Organizations.AnyAsync())
        {
            await SeedOrganizationsAsync(db);
            await LoadDirectoriesAsync(sp, db);
            await SeedAsync(sp, config.GetValue("Xinfang:Demo:Petitions", 300), config.GetValue("Xinfang:Demo:Seed", 20260101));
            // portal-info (issue 11): 信访公开 texts of the demo province, city and district.
            await PublicInformation.PublicGuideDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default);
            await Reception.ReceptionDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // reception (issue 14): planned 领导接访
            await Campaigns.CampaignDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // campaigns (issue 14): one 治重化积 campaign
            await Legal.LegalDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // legal (issue 14): opinions, referrals, a review, a typical case
            await Screening.ScreeningDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // screening (issue 14): rounds and warnings
            await Duty.DutyDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // duty (issue 14): a joint meeting, a special period
            await Mediation.MediationDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), default); // mediation (issue 14): a few 调解/评理 sessions
        }

        await PrintAccountsAsync(db, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Xinfang.Demo"));
    }

    /// <summary>The organisation tree and the deadline settings are read once at start (and after seeding).</summary>
    private static async Task LoadDirectoriesAsync(IServiceProvider sp, AppDbContext db)
    {
        await sp.GetRequiredService<OrganizationDirectory>().ReloadAsync(db, default);
        await sp.GetRequiredService<Deadlines.DeadlineSettings>().ReloadAsync(db, default);
    }

    private static async Task PrintAccountsAsync(AppDbContext db, ILogger logger)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("demo.")).OrderBy(u => u.UserName).ToListAsync();
        if (users.Count == 0)
        {
            return;
        }

        var orgs = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var lines = users.Select(u => $"  {u.UserName,-26} {string.Join("、", u.Roles.Select(StaffUser.RoleName)),-8} {orgs.GetValueOrDefault(u.OrganizationId)}");
        logger.LogInformation("演示账号（密码均为 {Password}）：\n{Accounts}", DemoPassword, string.Join('\n', lines));
    }

    /// <summary>A demo body; <c>Line</c> is a department's 系统 (the same at every level, 条例 Arts. 35–36 read it).</summary>
    private sealed record Org(string Code, string Name, string Division, OrganizationLevel Level, OrganizationKind Kind, string? Parent, string? Line = null);

    private static readonly Org[] Organizations =
    [
        new("330000XFJ", "浙江省信访局", "330000", OrganizationLevel.Province, OrganizationKind.PetitionBureau, null),
        new("330000ZJT", "浙江省住房和城乡建设厅", "330000", OrganizationLevel.Province, OrganizationKind.ResponsibleUnit, "330000XFJ", "住建"),
        new("330000RST", "浙江省人力资源和社会保障厅", "330000", OrganizationLevel.Province, OrganizationKind.ResponsibleUnit, "330000XFJ", "人社"),
        new("330100XFJ", "杭州市信访局", "330100", OrganizationLevel.City, OrganizationKind.PetitionBureau, "330000XFJ"),
        new("330100ZJJ", "杭州市住房和城乡建设局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330100XFJ", "住建"),
        new("330100RSJ", "杭州市人力资源和社会保障局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330100XFJ", "人社"),
        new("330100STJ", "杭州市生态环境局", "330100", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330100XFJ", "生态环境"),
        new("330100ZFW", "中共杭州市委政法委员会", "330100", OrganizationLevel.City, OrganizationKind.PoliticalLegal, "330100XFJ", "政法委"),
        new("330100JW", "杭州市纪委监委", "330100", OrganizationLevel.City, OrganizationKind.DisciplineInspection, "330100XFJ", "纪检监察"),
        new("330106XFJ", "西湖区信访局", "330106", OrganizationLevel.County, OrganizationKind.PetitionBureau, "330100XFJ"),
        new("330106ZJJ", "西湖区住房和城乡建设局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330106XFJ", "住建"),
        new("330106RSJ", "西湖区人力资源和社会保障局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330106XFJ", "人社"),
        new("330106STJ", "杭州市生态环境局西湖分局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330106XFJ", "生态环境"),
        new("330106ZFW", "中共西湖区委政法委员会", "330106", OrganizationLevel.County, OrganizationKind.PoliticalLegal, "330106XFJ", "政法委"),
        new("330106JW", "西湖区纪委监委", "330106", OrganizationLevel.County, OrganizationKind.DisciplineInspection, "330106XFJ", "纪检监察"),
        new("330106001JD", "北山街道办事处", "330106001", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, "330106XFJ"),
        new("330106002JD", "灵隐街道办事处", "330106002", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, "330106XFJ"),
        new("330110XFJ", "余杭区信访局", "330110", OrganizationLevel.County, OrganizationKind.PetitionBureau, "330100XFJ"),
        new("330110ZJJ", "余杭区住房和城乡建设局", "330110", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330110XFJ", "住建"),
        new("330110005JD", "仓前街道办事处", "330110005", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, "330110XFJ"),
        new("330200XFJ", "宁波市信访局", "330200", OrganizationLevel.City, OrganizationKind.PetitionBureau, "330000XFJ"),
        new("330200ZJJ", "宁波市住房和城乡建设局", "330200", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330200XFJ", "住建"),
        new("330203XFJ", "海曙区信访局", "330203", OrganizationLevel.County, OrganizationKind.PetitionBureau, "330200XFJ"),
        new("330203ZJJ", "海曙区住房和城乡建设局", "330203", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330203XFJ", "住建"),
        new("330203001JD", "鼓楼街道办事处", "330203001", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, "330203XFJ"),
    ];

    private static readonly (string User, string Name, string Org, StaffRole Role)[] Accounts =
    [
        ("demo.xihu.registrar", "王登记", "330106XFJ", StaffRole.Registrar),
        ("demo.xihu.supervisor", "李督办", "330106XFJ", StaffRole.Supervisor),
        ("demo.xihu.leader", "陈局长", "330106XFJ", StaffRole.Leader),
        ("demo.xihu.zjj.handler", "张承办", "330106ZJJ", StaffRole.Handler),
        ("demo.xihu.zjj.head", "刘局长", "330106ZJJ", StaffRole.UnitHead),
        ("demo.xihu.rsj.handler", "赵承办", "330106RSJ", StaffRole.Handler),
        ("demo.xihu.zfw.handler", "孙承办", "330106ZFW", StaffRole.Handler),
        ("demo.xihu.jw.handler", "周承办", "330106JW", StaffRole.Handler),
        ("demo.beishan.handler", "吴承办", "330106001JD", StaffRole.Handler),
        ("demo.beishan.head", "钱主任", "330106001JD", StaffRole.UnitHead),
        ("demo.hz.registrar", "郑登记", "330100XFJ", StaffRole.Registrar),
        ("demo.zj.registrar", "魏登记", "330000XFJ", StaffRole.Registrar),
        ("demo.hz.zjj.reviewer", "冯复查", "330100ZJJ", StaffRole.Reviewer),
        ("demo.zj.zjt.reviewer", "蒋复核", "330000ZJT", StaffRole.Reviewer),
        ("demo.zj.admin", "韩管理", "330000XFJ", StaffRole.Administrator),
        ("demo.xihu.deputy", "黄副局长", "330106XFJ", StaffRole.Leader),
    ];

    /// <summary>
    /// Accounts holding more than one role (ADR 0126): a deputy director who also registers visits on reception
    /// days — signs in as 领导 (the figures), switches to 登记人员 in the header.
    /// </summary>
    private static readonly Dictionary<string, StaffRole[]> FurtherRoles = new()
    {
        ["demo.xihu.deputy"] = [StaffRole.Registrar],
    };

    private static async Task SeedOrganizationsAsync(AppDbContext db)
    {
        var byCode = new Dictionary<string, Organization>();
        foreach (var o in Organizations)
        {
            var org = new Organization(Guid.CreateVersion7(), o.Code, o.Name, o.Division, o.Level, o.Kind, o.Parent is null ? null : byCode[o.Parent].Id, o.Line);
            byCode[o.Code] = org;
            db.Organizations.Add(org);
        }

        await db.SaveChangesAsync();
    }

    private static async Task SeedAsync(IServiceProvider sp, int petitionCount, int seed)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var numbers = sp.GetRequiredService<PetitionNumbers>();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var byCode = await db.Organizations.ToDictionaryAsync(o => o.Code);

        foreach (var a in Accounts)
        {
            var user = new StaffUser { UserName = a.User, DisplayName = a.Name, OrganizationId = byCode[a.Org].Id, Role = a.Role, LockoutEnabled = true };
            user.SetRoles([a.Role, .. FurtherRoles.GetValueOrDefault(a.User, [])]);
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        var story = new DemoStories(byCode, numbers, sp.GetRequiredService<Deadlines.DeadlineSettings>(), new Random(seed), clock.GetUtcNow());
        for (var i = 0; i < petitionCount; i++)
        {
            db.Add(story.Next(i));
        }

        foreach (var (org, year, next) in story.Counters)
        {
            db.PetitionNumberCounters.Add(new PetitionNumberCounter { OrganizationId = org, Year = year, Next = next });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>Realistic demo items, each driven through the lifecycle to a chosen state.</summary>
    private sealed class DemoStories(Dictionary<string, Organization> orgs, PetitionNumbers numbers, Deadlines.DeadlineSettings settings, Random random, DateTimeOffset now)
    {
        private readonly Dictionary<(Guid, int), int> _counters = [];
        private readonly OrganizationTree _tree = new(orgs.Values);

        public IEnumerable<(Guid Org, int Year, int Next)> Counters => _counters.Select(c => (c.Key.Item1, c.Key.Item2, c.Value));

        private static readonly (string Title, string Content, string Unit, string Class)[] Matters =
        [
            ("小区物业乱收停车费", "我是{0}小区业主，物业公司今年起每月加收停车管理费两百元，没有任何公示，也没有业主大会表决，请有关部门查处。", "330106ZJJ", "城乡建设"),
            ("工地拖欠农民工工资", "我们{1}人在{0}附近的建筑工地干了半年，包工头一直拖欠工资共计十余万元，多次讨要无果，请求帮助追讨。", "330106RSJ", "劳动和社会保障"),
            ("搅拌站夜间噪音扰民", "{0}旁边的混凝土搅拌站每天夜里十二点后仍在作业，噪音很大，影响周边居民休息，多次反映没有改善。", "330106STJ", "环境保护"),
            ("老旧小区加装电梯补助未落实", "{0}小区去年完成加装电梯，按政策应有财政补助，至今未拨付，请相关部门核实处理。", "330106ZJJ", "城乡建设"),
            ("商品房延期交付", "我于前年购买{0}楼盘住房，合同约定去年底交房，开发商至今未交付，也不支付违约金。", "330106ZJJ", "城乡建设"),
            ("社保缴费年限认定有误", "本人在{0}工作多年，社保系统中有三年缴费记录缺失，影响退休待遇，请求核实更正。", "330106RSJ", "劳动和社会保障"),
            ("道路破损影响出行", "{0}村通往镇上的道路多处塌陷，雨天积水严重，学生上学很不安全，请求尽快修复。", "330106001JD", "城乡建设"),
            ("餐馆油烟直排", "{0}底商一家餐馆油烟直接排向居民楼，窗户无法打开，请求督促安装净化设施。", "330106STJ", "环境保护"),
        ];

        private static readonly string[] Places = ["北山", "灵隐", "丽发新城", "翠苑", "文新", "古荡", "西溪花园", "三墩"];
        private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
        private static readonly string[] Given = ["建国", "秀英", "志强", "丽华", "海燕", "国平", "桂兰", "伟", "芳", "军", "敏", "静"];

        private static readonly PetitionState[] Targets =
        [
            PetitionState.Registered, PetitionState.Registered, PetitionState.Forwarded, PetitionState.Forwarded, PetitionState.Assigned,
            PetitionState.ObjectionRaised, PetitionState.Accepted, PetitionState.Handling, PetitionState.Handling, PetitionState.Handling,
            PetitionState.GuidedToProcedure, PetitionState.Decided, PetitionState.Served, PetitionState.Served, PetitionState.Served,
            PetitionState.GuidedToPoliticalLegal, PetitionState.Declined, PetitionState.UnderReview,
            PetitionState.ReviewOpinionServed, PetitionState.UnderReReview, PetitionState.ReReviewOpinionServed, PetitionState.Closed, PetitionState.Closed,
            // After a 复核 story: 不再受理 under Art. 36 ¶3 rests on an earlier item whose 复核 opinion was served.
            PetitionState.RefusedAgain,
        ];

        /// <summary>The latest demo item whose 复核 opinion was served: what a 不再受理 story links to (条例 Art. 36 ¶3).</summary>
        private EarlierItem? _reReviewed;

        /// <summary>stats-reviews: the review opinions issued so far, to vary their outcomes.</summary>
        private int _opinions;

        public Petition Next(int i)
        {
            var target = Targets[i % Targets.Length];
            var matter = Matters[random.Next(Matters.Length)];
            var place = Places[random.Next(Places.Length)];
            var bureau = orgs["330106XFJ"];
            var unit = orgs[matter.Unit];
            var registrar = new Actor("demo", "王登记", bureau.Id);
            var handler = new Actor("demo", "张承办", unit.Id);

            // How long ago it arrived: late states need time behind them, early ones are recent.
            var age = target switch
            {
                PetitionState.Registered or PetitionState.Forwarded or PetitionState.Assigned or PetitionState.ObjectionRaised => random.Next(0, 4),
                PetitionState.Accepted or PetitionState.Handling or PetitionState.Decided => random.Next(5, 80),
                PetitionState.UnderReview or PetitionState.ReviewOpinionServed or PetitionState.UnderReReview or PetitionState.ReReviewOpinionServed => random.Next(70, 100),
                // A closed story is closed after the 30-day 复查 window lapsed (条例 Art. 35: no closing while it runs),
                // so it needs its whole route (at most 60 days of steps) behind it, never clamped to now.
                PetitionState.Closed => random.Next(70, 130),
                _ => random.Next(20, 100),
            };
            var t = now.AddDays(-age).AddHours(-random.Next(1, 8));
            var form = (PetitionForm)random.Next(0, 5);
            var litigation = target == PetitionState.GuidedToPoliticalLegal;
            if (litigation)
            {
                form = PetitionForm.Visit;
            }

            var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
            var idPrefix = $"330106{random.Next(1950, 2000)}{random.Next(1, 13):D2}{random.Next(1, 29):D2}{random.Next(0, 1000):D3}";
            var petitioner = new PetitionerInfo(name, IdDocumentType.ResidentIdCard, idPrefix + ChineseIdNumber.CheckCharacter(idPrefix),
                $"13{random.Next(0, 10)}{random.Next(10_000_000, 99_999_999)}", $"杭州市西湖区{place}{random.Next(1, 30)}幢{random.Next(101, 1802)}室");
            var collective = form == PetitionForm.Visit && random.Next(6) == 0;
            var intake = new PetitionIntake(
                form, t, litigation ? "不服法院判决要求再审" : matter.Title,
                litigation ? "我与某公司的合同纠纷经西湖区人民法院一审判决，我认为判决不公，要求信访部门督促法院重新审理。" : string.Format(System.Globalization.CultureInfo.InvariantCulture, matter.Content, place, random.Next(5, 40)),
                [petitioner],
                Collective: collective,
                HeadCount: collective ? random.Next(6, 40) : 1,
                LitigationRelated: litigation,
                IssueLocationCode: "330106",
                ContentClassCode: matter.Class,
                // stats-reviews (ADR 0085): a few visits went to the province or to Beijing and came back to 西湖区 (no random
                // draw, so the rest of the demo stays as it was).
                SkipLevelDestination: form == PetitionForm.Visit && !litigation ? (i % 7) switch { 3 => SkipLevelDestination.Province, 5 => SkipLevelDestination.Capital, _ => null } : null);

            var year = DeadlineTime.LocalDate(t).Year;
            var key = (bureau.Id, year);
            _counters[key] = _counters.GetValueOrDefault(key) + 1;
            var number = $"{bureau.Code}-{year}-{_counters[key]:D6}";
            var code = PetitionNumbers.NewQueryCode();
            var p = Petition.Register(Guid.CreateVersion7(), number, numbers.HashQueryCode(number, code), bureau, intake, registrar, t, settings.PolicyFor(bureau.Id), settings.Calendar);
            Drive(p, target, bureau, unit, registrar, handler, ref t);
            if (p.ReReviewOpinionServedOn is not null && p.ReReviewOrganizationId is { } reReviewer)
            {
                var body = orgs.Values.Single(o => o.Id == reReviewer);
                _reReviewed = new EarlierItem(p.Id, p.Number, p.State, true, false, body.Level, body.Name);
            }

            return p;
        }

        private void Drive(Petition p, PetitionState target, Organization bureau, Organization unit, Actor registrar, Actor handler, ref DateTimeOffset t)
        {
            DateTimeOffset Step(ref DateTimeOffset at, int days)
            {
                at = at.AddDays(days).AddHours(random.Next(1, 5));
                return at < now ? at : now;
            }

            switch (target)
            {
                case PetitionState.Registered:
                    return;
                case PetitionState.GuidedToPoliticalLegal:
                    p.GuideToPoliticalLegal("西湖区人民法院、中共西湖区委政法委员会", "已向信访人释明再审申请的法定程序和期限。", registrar, Step(ref t, 0));
                    return;
                case PetitionState.Declined:
                    p.Decline(DeclineRule.AlreadyBeingHandled, "该事项已由余杭区住建局受理并在办理期限内。", "余杭区住房和城乡建设局", registrar, Step(ref t, 1));
                    return;
                case PetitionState.RefusedAgain:
                    if (_reReviewed is null)
                    {
                        throw new InvalidOperationException("a 不再受理 story needs an earlier re-reviewed story (see Targets)");
                    }

                    p.RefuseAgain(DeclineRule.AfterReReview, "该事项已经复核终结，本次以同一事实和理由再次提出。", "如有新的事实和理由，可向原办理机关提出", registrar, Step(ref t, 1), _reReviewed);
                    return;
                case PetitionState.Assigned:
                    p.Assign(unit, _tree, DeadlineTime.LocalDate(t).AddDays(30), "请按期报送办结报告", registrar, Step(ref t, 1));
                    return;
            }

            p.Forward(unit, _tree, null, registrar, Step(ref t, random.Next(1, 4)));
            if (target == PetitionState.Forwarded)
            {
                return;
            }

            if (target == PetitionState.ObjectionRaised)
            {
                p.RaiseObjection("该事项涉及的小区道路属于街道管理范围，不属于本局职权，请转街道办事处办理。", handler, Step(ref t, 1));
                return;
            }

            p.NotifyReceipt("本单位已受理，将调查核实后出具书面处理意见。", false, handler, Step(ref t, 1));
            p.Accept(handler, Step(ref t, 1));
            if (target == PetitionState.Accepted)
            {
                return;
            }

            if (target == PetitionState.GuidedToProcedure)
            {
                p.ChooseRoute(HandlingRoute.AdministrativeProcedure, "可依法向西湖区人民政府申请行政复议。", handler, Step(ref t, 1));
                return;
            }

            p.ChooseRoute(HandlingRoute.Investigate, null, handler, Step(ref t, 1));
            if (target == PetitionState.Handling)
            {
                return;
            }

            p.Decide((DecisionOutcome)random.Next(0, 3), "请求依法处理所反映的问题", "经现场核查，反映情况基本属实。", "依据相关规定作出处理。", "《物业管理条例》等", handler, Step(ref t, random.Next(5, 20)));
            if (target == PetitionState.Decided)
            {
                return;
            }

            p.Serve(ServiceMethod.InPerson, DeadlineTime.LocalDate(Step(ref t, 2)), true, null, handler, t);
            if (target == PetitionState.Served)
            {
                if (random.Next(2) == 0)
                {
                    p.Rate((Satisfaction)random.Next(0, 2), null, (Satisfaction)random.Next(0, 2), null, Actor.Petitioner(unit.Id), Step(ref t, 3));
                }

                return;
            }

            if (target == PetitionState.Closed)
            {
                p.Rate(Satisfaction.Satisfied, null, Satisfaction.BasicallySatisfied, null, Actor.Petitioner(unit.Id), Step(ref t, 2));
                // 化解情况 at closing (issue 12): most matters resolved, some partly, a few not — so the 化解率 has workings.
                var (resolution, why) = random.Next(10) switch
                {
                    < 8 => (Resolution.Resolved, "诉求已解决，信访人认可"),
                    8 => (Resolution.PartlyResolved, "部分诉求已解决，其余已解释说明"),
                    _ => (Resolution.NotResolved, "诉求超出政策规定，已依法答复"),
                };
                p.Close(null, registrar, Step(ref t, 31), resolution: resolution, resolutionReason: why);
                return;
            }

            // 条例 Arts. 35–36: the 上一级机关 (the same-line department one level up where there is one).
            var tree = new OrganizationTree(orgs.Values);
            var reviewer = tree.SuperiorsOf(unit.Id)[^1];
            p.RequestReview(reviewer, tree, "对处理意见不服", Actor.Petitioner(unit.Id), Step(ref t, 10));
            if (target == PetitionState.UnderReview)
            {
                return;
            }

            var reviewerActor = new Actor("demo", "冯复查", reviewer.Id);
            // stats-reviews (ADR 0084): most opinions stand, some are changed or set aside (no random draw: the demo stays as it was).
            var (outcome, opinion) = (_opinions++ % 5) switch
            {
                2 => (ReviewOutcome.Changed, "经复查，原处理意见认定事实清楚，但补偿标准适用有误，予以变更。"),
                4 => (ReviewOutcome.Revoked, "经复查，原处理意见认定事实不清，予以撤销，由原办理单位重新办理。"),
                _ => (ReviewOutcome.Upheld, "经复查，原处理意见事实清楚、依据正确，予以维持。"),
            };
            p.IssueReviewOpinion(opinion, DeadlineTime.LocalDate(Step(ref t, 20)), reviewerActor, t, outcome: outcome);
            if (target == PetitionState.ReviewOpinionServed)
            {
                return;
            }

            var reReviewer = tree.SuperiorsOf(reviewer.Id)[^1];
            p.RequestReReview(reReviewer, tree, "对复查意见不服", Actor.Petitioner(reviewer.Id), Step(ref t, 10));
            if (target == PetitionState.UnderReReview)
            {
                return;
            }

            var upheld = _opinions++ % 3 != 1;
            p.IssueReReviewOpinion(upheld ? "经复核，维持复查意见。" : "经复核，复查意见适用政策有误，予以变更。", DeadlineTime.LocalDate(Step(ref t, 20)), false, new Actor("demo", "蒋复核", reReviewer.Id), t,
                outcome: upheld ? ReviewOutcome.Upheld : ReviewOutcome.Changed);
            _ = bureau;
        }
    }
}
