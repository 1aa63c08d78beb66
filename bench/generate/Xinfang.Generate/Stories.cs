using System.Globalization;
using System.Text;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Deadlines;

namespace Xinfang.Generate;

/// <summary>Where an item is registered: a bureau, the units below it by line, its townships, and how often it registers.</summary>
internal sealed record Bureau(Organization Body, Dictionary<string, Organization> UnitsByLine, Organization[] Units, double Weight);

/// <summary>
/// One item's story: registered by a bureau through <see cref="Petition.Register"/> and driven through the
/// domain's own methods to a state that fits its age, so no generated item is impossible (the domain refuses
/// a wrong step; a refused step ends the story where it stands). Distributions (the brief of issue 12):
/// ≈60 % online, the seven content classes, ≈13 % 重件, every lifecycle state, histories of 1–14 entries,
/// 200–900 characters of Chinese text.
/// </summary>
internal sealed class Stories(IReadOnlyList<Bureau> bureaus, OrganizationTree tree, DeadlineSettings settings, Func<string, string, string> hashQueryCode, DateTimeOffset now)
{
    private static readonly string[] Places = ["东山", "西湖", "南苑", "北港", "新城", "翠苑", "文新", "古荡", "丽发", "三墩", "城南", "江滨", "凤凰", "青石", "白沙", "柳湾"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["建国", "秀英", "志强", "丽华", "海燕", "国平", "桂兰", "伟", "芳", "军", "敏", "静", "晓东", "春梅", "德明", "玉珍"];

    private static readonly Dictionary<string, (string Title, string Opening)[]> Matters = new()
    {
        ["城乡建设"] = [("小区物业乱收停车费", "我是{0}小区业主，物业公司今年起每月加收停车管理费两百元，没有任何公示，也没有经过业主大会表决。"),
            ("商品房延期交付", "我于前年购买{0}楼盘住房，合同约定去年底交房，开发商至今未交付，也不按合同支付违约金。"),
            ("老旧小区加装电梯补助未落实", "{0}小区去年完成加装电梯，按政策应有财政补助，至今未拨付到位。")],
        ["劳动和社会保障"] = [("工地拖欠农民工工资", "我们{1}人在{0}附近的建筑工地干了半年，包工头一直拖欠工资共计十余万元，多次讨要无果。"),
            ("社保缴费年限认定有误", "本人在{0}工作多年，社保系统中有三年缴费记录缺失，影响退休待遇核定。")],
        ["国土资源"] = [("征地补偿款未足额发放", "{0}村去年被征收土地{1}亩，补偿标准与公告不一致，部分村民至今未领到补偿款。"),
            ("违法占用耕地建厂房", "{0}村有企业未经审批占用基本农田{1}亩建设厂房，村民多次反映无人处理。")],
        ["农村农业"] = [("土地承包经营权纠纷", "我家在{0}村的承包地被村委会收回另行发包，未与我协商，也未给任何补偿。"),
            ("种粮补贴未发放", "{0}村部分农户连续两年未收到种粮补贴，村干部说名单上没有我们。")],
        ["环境保护"] = [("搅拌站夜间噪音扰民", "{0}旁边的混凝土搅拌站每天夜里十二点后仍在作业，噪音很大，影响周边{1}户居民休息。"),
            ("餐馆油烟直排", "{0}底商一家餐馆油烟直接排向居民楼，窗户无法打开，多次反映没有改善。")],
        ["政法"] = [("报警后迟迟未处理", "上月我在{0}被人殴打后报警，派出所做了笔录，至今没有处理结果，也没有人告知进展。"),
            ("电信诈骗案件进展", "我在{0}被骗{1}万元已报案，希望公安机关加快侦办并告知案件进展。")],
        ["卫生计生"] = [("医疗费用报销争议", "我父亲在{0}卫生院住院{1}天，医保报销比例与政策不符，医院解释不清。"),
            ("诊所无证行医", "{0}有一家诊所没有执业许可证，长期给周边居民输液，存在安全隐患。")],
    };

    private static readonly string[] Filler =
    [
        "此前我们已经向社区和街道反映过多次，工作人员答应会协调处理，但一直没有下文。",
        "这件事已经持续了很长时间，严重影响了我们一家的正常生活，老人和孩子都很受影响。",
        "我们也咨询过律师，律师建议先通过信访渠道反映，希望有关部门能够依法依规处理。",
        "相关单位的答复前后不一致，有的说归区里管，有的说归市里管，互相推诿。",
        "周边住户对此意见很大，大家联名签了字，希望政府能够重视，尽快派人现场核实。",
        "我们要求按照国家和省里的相关政策规定执行，该补的补，该退的退，给群众一个明白的说法。",
        "如果情况属实，希望依法追究相关人员的责任，并公开处理结果，防止类似问题再次发生。",
        "随信附上相关合同、收据和照片的复印件，请核查。联系方式已在登记时留下，请及时联系。",
    ];

    /// <summary>A 初件 a later item of the same bureau can name (the brief's ≈13 % repeat rate).</summary>
    private readonly Dictionary<Guid, List<(Guid Id, DateTimeOffset ReceivedAt)>> _recent = [];

    /// <summary>Items named as 初件 by a later one in this batch: their fact rows say RepeatedLater.</summary>
    public HashSet<Guid> RepeatedLater { get; } = [];

    public Petition Next(long index, Random random, DateTimeOffset receivedAt)
    {
        if (receivedAt > now)
        {
            receivedAt = now.AddMinutes(-30);
        }

        var bureau = Pick(random);
        var (cls, line, _) = Weighted(random, Province.Classes, c => c.Weight);
        var unit = bureau.UnitsByLine.GetValueOrDefault(line) ?? bureau.Units[random.Next(bureau.Units.Length)];
        if (random.Next(10) == 0)
        {
            unit = bureau.Units[random.Next(bureau.Units.Length)]; // some items go to a township or another department
        }

        var matters = Matters[cls];
        var (title, opening) = matters[random.Next(matters.Length)];
        var place = Places[random.Next(Places.Length)];
        var content = new StringBuilder(string.Format(CultureInfo.InvariantCulture, opening, place, random.Next(3, 60)));
        var sentences = random.Next(3, 16);
        for (var s = 0; s < sentences; s++)
        {
            content.Append(Filler[random.Next(Filler.Length)]);
        }

        var roll = random.Next(100);
        var form = roll < 60 ? PetitionForm.Online : roll < 75 ? PetitionForm.Letter : roll < 90 ? PetitionForm.Visit : roll < 98 ? PetitionForm.Phone : PetitionForm.Fax;
        var collective = form == PetitionForm.Visit && random.Next(8) == 0;
        var litigation = cls == "政法" && random.Next(4) == 0;
        var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
        var division = bureau.Body.DivisionCode.PadRight(6, '0')[..6];
        var idPrefix = $"{division}{random.Next(1950, 2000)}{random.Next(1, 13):D2}{random.Next(1, 29):D2}{random.Next(0, 1000):D3}";
        var petitioner = new PetitionerInfo(name, IdDocumentType.ResidentIdCard, idPrefix + ChineseIdNumber.CheckCharacter(idPrefix),
            $"1{random.Next(3, 9)}{random.Next(0, 10)}{random.Next(10_000_000, 99_999_999)}", $"{bureau.Body.Name.Replace("信访局", string.Empty, StringComparison.Ordinal)}{place}路{random.Next(1, 300)}号{random.Next(1, 30)}幢{random.Next(101, 1802)}室");

        // 重件 (≈13 %): names an earlier item of the same bureau received before this one.
        Guid? first = null;
        if (random.Next(100) < 13 && _recent.TryGetValue(bureau.Body.Id, out var earlier) && earlier.Count > 0)
        {
            var e = earlier[random.Next(earlier.Count)];
            if (e.ReceivedAt < receivedAt)
            {
                first = e.Id;
                RepeatedLater.Add(e.Id);
            }
        }

        var intake = new PetitionIntake(
            form, receivedAt, title, content.ToString(), [petitioner],
            Purpose: random.Next(20) switch { < 14 => PetitionPurpose.Demand, < 17 => PetitionPurpose.Suggestion, < 19 => PetitionPurpose.Appeal, _ => PetitionPurpose.Inquiry },
            Collective: collective,
            HeadCount: collective ? random.Next(6, 40) : 1,
            VisitBatches: form == PetitionForm.Visit && random.Next(10) == 0 ? 2 : 1,
            LitigationRelated: litigation,
            SkippedLevel: form == PetitionForm.Visit && random.Next(20) == 0,
            IssueLocationCode: unit.DivisionCode.Length > 6 ? unit.DivisionCode : bureau.Body.DivisionCode,
            ContentClassCode: cls,
            FirstItemId: first);

        var year = DeadlineTime.LocalDate(receivedAt).Year;
        var number = $"G{bureau.Body.Code}-{year}-{index:D8}";
        var registrar = new Actor("bench", "登记员", bureau.Body.Id);
        var registeredAt = receivedAt.AddMinutes(random.Next(5, 240));
        if (registeredAt > now)
        {
            registeredAt = now;
        }

        var p = Petition.Register(Guid.CreateVersion7(), number, hashQueryCode(number, "BENCH00000"), bureau.Body, intake, registrar, registeredAt,
            settings.PolicyFor(bureau.Body.Id), settings.Calendar);
        var ageDays = (now - receivedAt).TotalDays;
        var target = Target(random, ageDays, litigation);
        var t = registeredAt;
        try
        {
            Drive(p, target, bureau.Body, unit, registrar, new Actor("bench", "承办人", unit.Id), random, ref t);
        }
        catch (DomainRuleViolation)
        {
            // The domain refused a step (a window still running, say): the story ends in the state it reached.
        }

        if (!_recent.TryGetValue(bureau.Body.Id, out var list))
        {
            _recent[bureau.Body.Id] = list = [];
        }

        list.Add((p.Id, receivedAt));
        if (list.Count > 64)
        {
            list.RemoveAt(0);
        }

        return p;
    }

    /// <summary>Forgets the 初件 candidates (a new batch starts: a 重件 names an item of its own batch, so both rows are written together).</summary>
    public void NewBatch()
    {
        _recent.Clear();
        RepeatedLater.Clear();
    }

    private Bureau Pick(Random random)
    {
        var x = random.NextDouble() * bureaus[^1].Weight;
        var lo = 0;
        var hi = bureaus.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (bureaus[mid].Weight < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return bureaus[lo];
    }

    private static T Weighted<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var x = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static PetitionState Target(Random random, double ageDays, bool litigation)
    {
        if (litigation)
        {
            return PetitionState.GuidedToPoliticalLegal;
        }

        var r = random.Next(100);
        if (ageDays < 15)
        {
            return r switch
            {
                < 30 => PetitionState.Registered,
                < 50 => PetitionState.Forwarded,
                < 60 => PetitionState.Assigned,
                < 70 => PetitionState.Accepted,
                < 90 => PetitionState.Handling,
                < 95 => PetitionState.Declined,
                _ => PetitionState.ObjectionRaised,
            };
        }

        if (ageDays < 90)
        {
            return r switch
            {
                < 20 => PetitionState.Handling,
                < 30 => PetitionState.Decided,
                < 75 => PetitionState.Served,
                < 80 => PetitionState.Declined,
                < 84 => PetitionState.GuidedToProcedure,
                < 86 => PetitionState.ObjectionRaised,
                < 92 => PetitionState.UnderReview,
                _ => PetitionState.Closed,
            };
        }

        return r switch
        {
            < 55 => PetitionState.Closed,
            < 78 => PetitionState.Served,
            < 83 => PetitionState.ReviewOpinionServed,
            < 85 => PetitionState.ReReviewOpinionServed,
            < 86 => PetitionState.UnderReview,
            < 87 => PetitionState.UnderReReview,
            < 92 => PetitionState.Declined,
            < 95 => PetitionState.GuidedToProcedure,
            < 97 => PetitionState.Assigned,
            _ => PetitionState.Handling,
        };
    }

    /// <summary>Steps in time order; a step that would fall after now ends the story (an item is never dated in the future).</summary>
    private sealed class OutOfTime : Exception;

    private void Drive(Petition p, PetitionState target, Organization bureau, Organization unit, Actor registrar, Actor handler, Random random, ref DateTimeOffset t)
    {
        try
        {
            DriveSteps(p, target, bureau, unit, registrar, handler, random, ref t);
        }
        catch (OutOfTime)
        {
        }
    }

    private void DriveSteps(Petition p, PetitionState target, Organization bureau, Organization unit, Actor registrar, Actor handler, Random random, ref DateTimeOffset t)
    {
        var clock = now;
        DateTimeOffset Step(ref DateTimeOffset at, int days)
        {
            at = at.AddDays(days).AddHours(random.Next(1, 5));
            return at <= clock ? at : throw new OutOfTime();
        }

        switch (target)
        {
            case PetitionState.Registered:
                return;
            case PetitionState.GuidedToPoliticalLegal:
                p.GuideToPoliticalLegal(bureau.Name.Replace("信访局", "人民法院", StringComparison.Ordinal), "已向信访人释明申请再审的法定程序和期限。", registrar, Step(ref t, random.Next(0, 3)));
                return;
            case PetitionState.Declined:
                p.Decline(DeclineRule.AlreadyBeingHandled, "该事项已由有权处理的机关受理并在办理期限内。", unit.Name, registrar, Step(ref t, random.Next(1, 10)));
                return;
            case PetitionState.Assigned:
                p.Assign(unit, tree, DeadlineTime.LocalDate(t).AddDays(30), "请按期报送办结报告", registrar, Step(ref t, random.Next(1, 8)));
                return;
        }

        // Most within the 15 days of Art. 22, some late (the 及时受理率 has both).
        p.Forward(unit, tree, null, registrar, Step(ref t, random.Next(10) == 0 ? random.Next(15, 25) : random.Next(1, 10)));
        if (target == PetitionState.Forwarded)
        {
            return;
        }

        if (target == PetitionState.ObjectionRaised)
        {
            p.RaiseObjection("该事项不属于本单位职权范围，请转有权处理的机关办理。", handler, Step(ref t, random.Next(1, 5)));
            return;
        }

        p.NotifyReceipt("本单位已受理，将调查核实后出具书面处理意见。", false, handler, Step(ref t, random.Next(1, 12)));
        p.Accept(handler, Step(ref t, random.Next(0, 3)));
        if (target == PetitionState.Accepted)
        {
            return;
        }

        if (target == PetitionState.GuidedToProcedure)
        {
            p.ChooseRoute(HandlingRoute.AdministrativeProcedure, "可依法申请行政复议或者提起行政诉讼。", handler, Step(ref t, 1));
            return;
        }

        p.ChooseRoute(HandlingRoute.Investigate, null, handler, Step(ref t, 1));
        if (target == PetitionState.Handling)
        {
            return;
        }

        // Most decided within the 60 days of Art. 34, some late (the 按期办结率 has both).
        p.Decide((DecisionOutcome)random.Next(0, 3), "请求依法处理所反映的问题", "经现场核查，反映情况基本属实。", "依据相关规定作出处理。", "《信访工作条例》等", handler,
            Step(ref t, random.Next(8) == 0 ? random.Next(55, 80) : random.Next(5, 45)));
        if (target == PetitionState.Decided)
        {
            return;
        }

        p.Serve(ServiceMethod.InPerson, DeadlineTime.LocalDate(Step(ref t, random.Next(1, 5))), true, null, handler, t);
        if (target == PetitionState.Served)
        {
            if (random.Next(3) > 0)
            {
                Rate(p, unit, random, Step(ref t, random.Next(1, 20)));
            }

            return;
        }

        if (target == PetitionState.Closed)
        {
            if (random.Next(5) > 0)
            {
                Rate(p, unit, random, Step(ref t, random.Next(1, 20)));
            }

            var (resolution, why) = random.Next(20) switch
            {
                < 15 => (Resolution.Resolved, "诉求已解决，信访人认可"),
                < 17 => (Resolution.PartlyResolved, "部分诉求已解决，其余已解释说明"),
                < 19 => (Resolution.NotResolved, "诉求超出政策规定，已依法答复"),
                _ => ((Resolution?)null, (string?)null),
            };
            p.Close(null, registrar, Step(ref t, random.Next(31, 60)), resolution: resolution, resolutionReason: why);
            return;
        }

        if (tree.SuperiorsOf(unit.Id) is not [.., var reviewer])
        {
            return;
        }

        p.RequestReview(reviewer, tree, "对处理意见不服", Actor.Petitioner(unit.Id), Step(ref t, random.Next(3, 28)));
        if (target == PetitionState.UnderReview)
        {
            return;
        }

        p.IssueReviewOpinion("经复查，原处理意见事实清楚、依据正确，予以维持。", DeadlineTime.LocalDate(Step(ref t, random.Next(10, 30))), new Actor("bench", "复查人", reviewer.Id), t);
        if (target == PetitionState.ReviewOpinionServed)
        {
            return;
        }

        if (tree.SuperiorsOf(reviewer.Id) is not [.., var reReviewer])
        {
            return;
        }

        p.RequestReReview(reReviewer, tree, "对复查意见不服", Actor.Petitioner(reviewer.Id), Step(ref t, random.Next(3, 28)));
        if (target == PetitionState.UnderReReview)
        {
            return;
        }

        p.IssueReReviewOpinion("经复核，维持复查意见。", DeadlineTime.LocalDate(Step(ref t, random.Next(10, 30))), false, new Actor("bench", "复核人", reReviewer.Id), t);
    }

    private static void Rate(Petition p, Organization unit, Random random, DateTimeOffset at)
    {
        static Satisfaction Of(int r) => r < 70 ? Satisfaction.Satisfied : r < 90 ? Satisfaction.BasicallySatisfied : Satisfaction.Dissatisfied;
        var bureau = p.DispatchingOrganizationId is null ? (Satisfaction?)null : Of(random.Next(100));
        var u = Of(random.Next(100));
        p.Rate(bureau, bureau == Satisfaction.Dissatisfied ? "答复没有解决实际问题" : null, u, u == Satisfaction.Dissatisfied ? "办理拖延，答复敷衍" : null, Actor.Petitioner(unit.Id), at);
    }
}
