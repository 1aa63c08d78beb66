namespace Xinfang.Text;

/// <summary>
/// Suggests one of the 17 national first-level content classes (domain.md §11) from keywords, for a
/// deployment with no labelled history yet. Marked <see cref="ClassSuggestion.IsFallback"/> and with
/// a modest confidence, so the workbench can say it is a guess.
/// </summary>
public static class KeywordFallbackClassifier
{
    /// <summary>The class given when no keyword matches.</summary>
    public const string Other = "其他";

    private static readonly (string Label, string[] Words)[] Classes =
    [
        ("农村农业", ["农民", "农村", "耕地", "土地承包", "承包地", "惠农补贴", "种粮补贴", "村集体", "村委会", "村干部", "村务", "养殖", "种植", "合作社", "农机", "扶贫", "低保户", "宅基地"]),
        ("国土资源", ["征地", "土地征收", "国土", "非法占地", "占用耕地", "采矿", "采砂", "矿山", "土地证", "土地出让", "林地"]),
        ("城乡建设", ["拆迁", "征地拆迁", "房屋征收", "物业", "小区", "业主", "开发商", "房产证", "不动产证", "交房", "违建", "违章建筑", "城管", "规划", "棚改", "安置房", "供暖", "供水", "燃气", "电梯", "烂尾楼", "道路施工", "市政"]),
        ("劳动和社会保障", ["拖欠工资", "欠薪", "讨薪", "工资", "劳动合同", "社保", "养老保险", "医疗保险", "失业保险", "工伤", "农民工", "辞退", "加班", "劳动仲裁", "公积金", "退休", "五险一金"]),
        ("卫生计生", ["医院", "医生", "医疗事故", "医患", "看病", "药品", "疫苗", "卫生院", "计生", "计划生育", "生育", "二孩", "医保报销", "门诊", "诊所", "手术", "护士"]),
        ("教育文体", ["学校", "学生", "老师", "教师", "幼儿园", "入学", "学位", "补课", "培训机构", "校外培训", "教育局", "学费", "考试", "招生", "体育", "文化", "校车"]),
        ("民政", ["低保", "社会救助", "养老院", "敬老院", "残疾人", "婚姻登记", "殡葬", "墓地", "优抚", "退役军人", "复退安置", "孤儿", "临时救助", "特困"]),
        ("政法", ["派出所", "公安", "法院", "判决", "起诉", "诉讼", "检察院", "报警", "诈骗", "黑恶", "打人", "治安", "律师", "仲裁", "执行"]),
        ("经济管理", ["企业", "非法集资", "集资", "理财", "投资", "贷款", "银行", "税务", "发票", "国企改制", "破产", "p2p", "金融"]),
        ("交通运输", ["公交", "交通", "道路", "出租车", "网约车", "共享单车", "高速", "停车", "红绿灯", "驾照", "车辆", "地铁", "客运", "货车", "渣土车", "路灯"]),
        ("商贸旅游", ["商家", "商场", "超市", "消费者", "价格", "退款", "预付卡", "旅游", "景区", "导游", "假货", "质量问题", "食品安全", "市场监管", "网购", "售后"]),
        ("科技与信息产业", ["网络", "宽带", "手机信号", "基站", "电信", "移动公司", "联通", "信号", "骚扰电话", "短信", "app", "网站", "个人信息"]),
        ("环境保护", ["污染", "噪音", "噪声", "扰民", "油烟", "异味", "臭味", "排污", "废水", "废气", "粉尘", "扬尘", "垃圾", "环保", "搅拌站", "焚烧", "黑臭"]),
        ("党务政务", ["政务公开", "办事效率", "窗口", "服务态度", "不作为", "推诿", "政府信息公开", "审批", "办证", "12345"]),
        ("组织人事", ["编制", "招聘", "公务员", "事业单位", "人事", "职称", "干部任用", "转正", "考录", "档案"]),
        ("纪检监察", ["贪污", "受贿", "腐败", "违纪", "公款", "以权谋私", "吃拿卡要", "作风", "挪用", "纪委", "滥用职权", "保护伞"]),
    ];

    /// <summary>The class labels this fallback can give (the 17 national first-level classes).</summary>
    public static IReadOnlyList<string> Labels { get; } = [.. Classes.Select(c => c.Label), Other];

    /// <summary>Suggests a class from keywords; longer keywords weigh more (征地拆迁 says more than 小区).</summary>
    public static ClassSuggestion Predict(string? title, string? content)
    {
        var text = string.Concat(title, " ", title, " ", content).ToLowerInvariant(); // title twice: it names the matter
        var scores = new double[Classes.Length];
        for (var c = 0; c < Classes.Length; c++)
        {
            foreach (var word in Classes[c].Words)
            {
                var at = 0;
                while ((at = text.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
                {
                    // Misconduct words are rare and specific: one outweighs the setting (村, 学校) they occur in.
                    scores[c] += Classes[c].Label == "纪检监察" ? 2 * word.Length : word.Length;
                    at += word.Length;
                }
            }
        }

        var total = scores.Sum();
        if (total == 0)
        {
            return new ClassSuggestion(Other, 0, IsFallback: true);
        }

        var best = Array.IndexOf(scores, scores.Max());
        // Capped: keywords are a guess, and the confidence should say so.
        return new ClassSuggestion(Classes[best].Label, Math.Min(0.6, scores[best] / total * 0.6), IsFallback: true);
    }
}
