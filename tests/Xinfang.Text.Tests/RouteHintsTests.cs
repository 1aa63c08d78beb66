namespace Xinfang.Text.Tests;

public sealed class RouteHintsTests
{
    [Theory]
    [InlineData("不服法院判决", "我对区法院的一审判决不服，要求再审。", "法院")]
    [InlineData("劳动仲裁后公司不执行", "仲裁裁决公司支付工资，公司不执行。", "仲裁")]
    [InlineData("已向法院起诉", "我已经向法院起诉开发商，但法院迟迟不立案。", "起诉")]
    [InlineData("报案不立案", "我被骗了五万元，到派出所报案，派出所不给立案。", "派出所")]
    public void Litigation_matters_are_flagged_with_their_words(string title, string content, string trigger)
    {
        var result = RouteHints.Analyze(title, content);
        Assert.True(result.LitigationRelated);
        Assert.Contains(trigger, result.TriggersOf(RouteFlag.LitigationRelated));
    }

    [Theory]
    [InlineData("实名举报村支书", "村支书在低保评定中优亲厚友，还贪污村集体资金。", new[] { "实名举报", "村支书", "优亲厚友", "贪污" })]
    [InlineData("反映局长问题", "某局长利用职权收受贿赂，以权谋私。", new[] { "以权谋私" })]
    public void Accusations_are_flagged_with_their_words(string title, string content, string[] triggers)
    {
        var result = RouteHints.Analyze(title, content);
        Assert.True(result.Accusation);
        Assert.All(triggers, t => Assert.Contains(t, result.TriggersOf(RouteFlag.Accusation)));
    }

    [Theory]
    [InlineData("讨薪无果", "再拿不到工资我就只能跳楼了，家里已经走投无路。", "跳楼")]
    [InlineData("危房", "我家房子墙体开裂，随时倒塌，一家人有生命危险。", "随时倒塌")]
    [InlineData("煤气泄漏", "小区燃气管道泄漏，已经有人中毒送医。", "中毒")]
    public void Urgent_matters_are_flagged_with_their_words(string title, string content, string trigger)
    {
        var result = RouteHints.Analyze(title, content);
        Assert.True(result.Urgent);
        Assert.Contains(trigger, result.TriggersOf(RouteFlag.Urgent));
    }

    [Fact]
    public void Reporting_a_neighbour_is_not_an_accusation_but_reporting_an_official_is()
    {
        Assert.False(RouteHints.Analyze("举报违章建筑", "举报小区一楼业主违规扩建，占用公共绿地。").Accusation);
        var result = RouteHints.Analyze("举报城管队员", "我要举报城管队员在执法时打人。");
        Assert.True(result.Accusation);
        Assert.Equal(["举报", "城管队员"], result.TriggersOf(RouteFlag.Accusation));
    }

    [Fact]
    public void Plain_complaint_raises_no_flag()
    {
        var result = RouteHints.Analyze("小区物业乱收停车费", "物业公司今年起每月加收停车管理费两百元，没有任何公示。");
        Assert.Empty(result.Hints);
    }

    [Fact]
    public void Negated_triggers_do_not_count()
    {
        Assert.False(RouteHints.Analyze("工地事故", "塔吊倒下砸坏了车辆，所幸没有人员伤亡。").Urgent);
        Assert.False(RouteHints.Analyze("欠薪", "老板拖欠工资，我们尚未起诉，希望政府先协调。").LitigationRelated);
    }

    [Fact]
    public void Bu_is_not_a_negator_for_litigation()
    {
        // 不服判决 and 不起诉决定 are litigation matters.
        Assert.True(RouteHints.Analyze("不服判决", "我不服判决。").LitigationRelated);
        Assert.True(RouteHints.Analyze("", "检察院作出不起诉决定。").LitigationRelated);
    }

    [Fact]
    public void Longer_trigger_is_named_instead_of_its_part()
    {
        var triggers = RouteHints.Analyze("", "我收到了判决书。").TriggersOf(RouteFlag.LitigationRelated);
        Assert.Contains("判决书", triggers);
        Assert.DoesNotContain("判决", triggers);
    }
}
