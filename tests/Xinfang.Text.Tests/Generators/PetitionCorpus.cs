using System.Globalization;
using System.Text;

namespace Xinfang.Text.Testing;

/// <summary>
/// Deterministic generator of realistic synthetic petitions (留言/来信) in the seven first-level
/// classes of the public leaders'-mailbox corpus. Made hard on purpose: classes share vocabulary
/// (工地 is noise, wages or a permit; 学校 is fees or a school bus; 医院 is care or prices), letters
/// share openings and complaints about 推诿, and a small share of items is written about a
/// neighbouring class's matter (as real labels are sometimes debatable).
/// </summary>
public sealed class PetitionCorpus
{
    /// <summary>The seven classes of the public corpus.</summary>
    public static readonly string[] Classes = ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生"];

    private readonly Random rng;

    public PetitionCorpus(int seed) => rng = new Random(seed);

    // ---- shared vocabulary ----
    private static readonly string[] Estates =
    [
        "丽发新城", "金域华府", "阳光花园", "幸福家园", "锦绣江南", "东方明珠苑", "和平里小区", "滨江一号", "翠苑小区", "盛世名城",
        "恒大绿洲", "保利香槟国际", "万科城", "碧桂园", "紫金湾", "书香门第", "新河湾", "梅溪湖壹号", "御景湾", "中央公园",
        "润和国际", "湘江世纪城", "隆平新城", "天悦府", "时代倾城", "橄榄城", "芙蓉苑", "长城家园", "星城国际", "融科东南海",
    ];

    private static readonly string[] Villages = ["黄花村", "石门村", "白沙村", "柏树村", "新屋村", "大塘村", "桃源村", "枫树村", "洪山村", "青山村"];
    private static readonly string[] Roads = ["人民路", "解放西路", "韶山北路", "万家丽路", "芙蓉中路", "劳动东路", "湘府路", "东二环", "桐梓坡路", "岳麓大道", "雷锋大道", "车站北路"];
    private static readonly string[] Districts = ["A1区", "A2区", "A3区", "A4区", "A5区", "A6区", "A7区", "雨花区", "开福区", "岳麓区", "天心区", "芙蓉区", "望城区", "长沙县", "浏阳市"];
    private static readonly string[] Companies = ["某建筑公司", "宏达建设", "华远置业", "某劳务公司", "鑫源物流", "顺达电子厂", "恒通实业", "某餐饮公司", "天成房地产", "某装饰公司", "新世纪商贸", "某科技公司"];
    private static readonly string[] Schools = ["实验小学", "第一中学", "育才学校", "明德中学", "博才小学", "阳光幼儿园", "金太阳幼儿园", "长郡中学", "雅礼实验学校", "职业技术学校"];
    private static readonly string[] Hospitals = ["市第一人民医院", "中心医院", "妇幼保健院", "社区卫生服务中心", "乡镇卫生院", "中医院", "某民营医院", "第三医院"];

    private static readonly string[] Openers =
    [
        "尊敬的领导：您好！", "领导您好，", "您好！", "尊敬的市长：", "书记您好，", "各位领导好，", "你好，", "", "", "", "领导：", "尊敬的胡书记您好！",
    ];

    private static readonly string[] Intros =
    [
        "我是{estate}的业主，", "我是{district}的一名普通市民，", "本人住在{estate}，", "我家住{district}{village}，", "我们是{estate}的住户，",
        "我是一名外地来{city}工作的人员，", "我是{district}居民，", "", "", "",
    ];

    private static readonly string[] Complaints =
    [
        "我们多次向有关部门反映，至今没有得到解决。", "打了12345也没有用，一直推来推去。", "找过街道和社区，都说不归他们管。",
        "这个问题已经持续了{n}个多月了。", "相关部门一直推诿扯皮，没有人管。", "上个月反映过一次，回复说正在处理，但到现在没有任何变化。",
        "老百姓实在是没有办法了。", "希望领导重视一下我们的诉求。", "大家都很有意见。", "问题一直拖着，没有人给个说法。", "",
    ];

    private static readonly string[] Demands =
    [
        "恳请领导尽快协调解决！", "希望有关部门尽快处理，还我们一个公道。", "请相关部门调查核实并给予答复。", "望领导督促相关部门尽快落实。",
        "请求政府出面解决。", "盼复！", "谢谢！", "希望能尽快给我们一个答复。", "请领导百忙之中关注一下。", "",
    ];

    private sealed record Matter(string[] Titles, string[] Facts, string[] Demands);

    // ---- class matters (each fact is one sentence with slots) ----
    private static readonly Dictionary<string, Matter[]> Matters = new()
    {
        ["城乡建设"] =
        [
            new(["{estate}物业乱收费", "关于{estate}物业服务问题", "{estate}物业公司不作为", "投诉{estate}物业"],
                ["{estate}物业公司今年起每月加收停车管理费{amount}元，没有任何公示。", "物业费年年涨，小区里的电梯经常坏，业主被困过好几次。",
                 "物业公司不让业主成立业委会，账目从来不公开。", "小区公共收益去向不明，物业说用于维修了但看不到任何维修。", "物业把小区绿地改成了停车位收费。"],
                ["要求物业公开账目。", "请住建部门查处物业乱收费行为。"]),
            new(["{estate}延期交房", "{estate}开发商逾期交房", "关于{estate}房产证办理问题", "{estate}迟迟办不了不动产证"],
                ["我们购买的{estate}房子合同约定{year}年交房，现在已经延期一年多。", "开发商以各种理由拖延，交房后{n}年了还办不了不动产证。",
                 "开发商资金链断裂，工地已经停工{n}个月，成了烂尾楼。", "交房时发现房屋墙体开裂、漏水，开发商拒不整改。", "网签备案一直办不下来，影响孩子上学。"],
                ["请住建局督促开发商按合同交房。", "希望政府帮助业主尽快办理不动产证。"]),
            new(["{village}征地拆迁补偿不合理", "关于{district}拆迁安置问题", "拆迁款迟迟不到位", "{village}安置房何时建好"],
                ["{year}年我家房子被征收拆迁，补偿款到现在还差{amount}元没有发放。", "拆迁安置房说好两年建好，现在五年了还没动工。",
                 "同一个组的房子补偿标准不一样，有关系的人拿得多。", "我们一直在外面租房过渡，过渡费也停发了。", "征地拆迁没有公示补偿方案就开始强拆。"],
                ["请求按政策落实安置补偿。", "希望尽快建好安置房让我们回迁。"]),
            new(["{estate}旁违章建筑", "举报{road}违建", "小区楼顶私搭乱建", "{estate}一楼业主违规扩建"],
                ["{estate}有业主在楼顶私自加盖房屋，存在安全隐患。", "{road}边上有人违规搭建铁皮房，城管来看过但一直没拆。",
                 "一楼业主把院子围起来加建了两层，挡住了我们的采光。", "小区内有人占用公共绿地搭建棚子。"],
                ["请城管部门依法拆除违章建筑。", "希望执法部门尽快处理。"]),
            new(["{road}道路施工迟迟不完工", "{estate}门口市政道路破损", "{district}老旧小区改造问题", "小区供水供暖问题"],
                ["{road}修路已经修了大半年，路面坑坑洼洼，居民出行非常不便。", "小区门口的市政道路破损严重，下雨天到处积水。",
                 "老旧小区改造把管道挖开后就没人管了。", "小区经常停水，水压也不够，高层住户根本用不上水。", "冬天供暖温度不达标，家里只有十几度。", "小区没有通天然气，还在用煤气罐。"],
                ["请市政部门加快施工进度。", "希望尽快修复道路。"]),
            new(["{estate}规划变更问题", "小区旁建高楼影响采光", "{estate}配套设施未兑现"],
                ["开发商擅自变更规划，原来规划的幼儿园和绿地变成了商业楼。", "小区南边新建的高楼离我们太近，严重影响采光。",
                 "买房时承诺的配套设施至今一个都没兑现。", "规划局公示的方案和实际建设的不一样。"],
                ["请规划部门核查。", "要求按原规划建设。"]),
        ],
        ["环境保护"] =
        [
            new(["{estate}附近搅拌站噪音扰民", "{road}搅拌站粉尘污染", "关于{estate}旁搅拌站的投诉", "搅拌站夜间作业扰民"],
                ["{estate}旁边的搅拌站每天夜里十二点以后还在作业，噪音很大。", "搅拌站的车进进出出，粉尘满天飞，窗户都不敢开。",
                 "搅拌站没有任何降尘措施，小区里到处是灰。", "老人小孩晚上根本睡不着觉，已经严重影响我们的健康。"],
                ["请环保部门依法查处。", "要求搅拌站搬迁。"]),
            new(["{road}工地夜间施工噪音", "{estate}旁工地噪音扰民", "夜间施工扰民", "工地施工噪音投诉"],
                ["{estate}旁边的工地每天晚上施工到凌晨两三点，打桩机的声音特别大。", "工地夜间施工没有办理夜间施工许可证。",
                 "工地噪音严重扰民，投诉了好几次还是照样施工。", "渣土车半夜进出工地，鸣笛声不断。"],
                ["请环保局查处夜间违规施工。", "希望禁止夜间施工。"]),
            new(["{estate}楼下餐馆油烟扰民", "烧烤店油烟污染", "{road}夜宵摊油烟噪音", "餐饮油烟直排"],
                ["{estate}楼下开了一家餐馆，油烟直接排到楼上住户家里。", "烧烤店没有安装油烟净化器，整栋楼都是油烟味。",
                 "夜宵摊每天营业到凌晨，油烟加上喧哗声让人无法休息。", "油烟管道就对着我家窗户，夏天根本不能开窗。"],
                ["请环保部门责令其安装油烟净化设施。", "希望取缔违规排放的餐馆。"]),
            new(["{village}工厂偷排污水", "{district}化工厂废气污染", "河流被污染", "企业排污问题"],
                ["{village}附近的工厂晚上偷偷往河里排污水，河水发黑发臭。", "化工厂排放的废气有刺鼻的气味，附近居民经常头晕。",
                 "河里的鱼都死了，村民的庄稼也受到影响。", "工厂的排污管道直接通到河里，环保部门来查的时候就停产。", "黑臭水体治理了几年还是老样子。"],
                ["请环保部门严查偷排行为。", "希望还我们一条干净的河。"]),
            new(["{estate}垃圾站臭味", "垃圾焚烧厂选址问题", "{village}垃圾乱堆乱放", "垃圾中转站影响居民"],
                ["{estate}旁的垃圾中转站臭气熏天，夏天蚊蝇成群。", "村里的垃圾没人清运，到处乱堆，还有人就地焚烧。",
                 "听说要在我们附近建垃圾焚烧厂，居民非常担心。", "垃圾站离住宅楼不到二十米，不符合环保要求。"],
                ["请求将垃圾站迁址。", "希望环卫部门及时清运。"]),
            new(["{estate}附近KTV噪音", "广场舞噪音扰民", "{road}商铺音响噪音", "酒吧噪音扰民"],
                ["小区对面的KTV每天营业到凌晨，噪音严重超标。", "广场舞音响开得特别大，每天晚上从七点跳到十点。",
                 "{road}的商铺门口用大音响招揽顾客，吵得不得了。", "酒吧的低音炮震得我家窗户都在响。"],
                ["请有关部门依法管理噪音扰民。", "希望执法部门进行检测和处罚。"]),
        ],
        ["交通运输"] =
        [
            new(["{road}交通拥堵问题", "建议{road}增设红绿灯", "{road}路口交通安全隐患", "关于{road}交通组织的建议"],
                ["{road}上下班高峰期堵得水泄不通，一公里要走半个小时。", "{road}和{road2}交叉路口没有红绿灯，经常发生交通事故。",
                 "路口的红绿灯时间设置不合理，左转只有十几秒。", "学校门口接送孩子的车辆乱停，交通非常混乱。"],
                ["建议交警部门优化信号灯配时。", "建议增设人行天桥或红绿灯。"]),
            new(["{estate}公交线路调整", "建议开通到{district}的公交", "{route}路公交车问题", "公交车服务态度差"],
                ["{route}路公交车调整线路后，{estate}的居民出行非常不便。", "我们小区附近没有公交站，最近的站要走二十分钟。",
                 "{route}路公交车间隔时间太长，有时候等四十分钟都不来。", "公交车司机服务态度恶劣，开车急刹急停。", "公交车到了晚上八点就停运了。"],
                ["建议公交公司增开班次。", "希望恢复原来的公交线路。"]),
            new(["出租车拒载绕路", "网约车乱收费", "{district}黑车问题", "出租车不打表"],
                ["在火车站打出租车，司机拒载还漫天要价。", "网约车司机故意绕路，平台投诉了也没有处理结果。",
                 "{district}到处都是黑车，非法营运没人管。", "出租车司机不打表，一口价要{amount}元。"],
                ["请交通运输部门加强监管。", "希望严厉打击非法营运。"]),
            new(["{road}渣土车超速超载", "渣土车撒漏", "大货车进城问题", "{road}货车噪音和安全问题"],
                ["{road}上的渣土车超速超载，沿路撒漏，非常危险。", "大货车白天也在市区道路上横冲直撞。",
                 "渣土车闯红灯，已经发生过好几起事故。", "货车经过时整条路都在震动，路面也被压坏了。"],
                ["请交警加强对渣土车的管理。", "建议限制货车通行时间。"]),
            new(["{estate}周边停车难", "{road}乱停车问题", "违章停车罚款问题", "共享单车乱停放"],
                ["{estate}周边停车位严重不足，晚上车都停在路边。", "{road}两边乱停乱放，把非机动车道都占满了。",
                 "共享单车堆满了人行道，行人都没法走。", "我的车停在划线车位里也被贴了罚单。"],
                ["建议增设停车位。", "请交警部门加强管理。"]),
            new(["驾驶证办理问题", "车辆年检排队难", "{district}车管所服务问题", "高速公路收费问题"],
                ["在车管所办理驾驶证换证，排队排了一整天还没办好。", "车辆年检要预约，可是网上一直约不上。",
                 "高速公路收费站通行费收费标准不清楚。", "驾校收了钱以后一直不安排练车考试。", "ETC扣费出错，多扣了{amount}元。"],
                ["希望简化办事流程。", "请车管部门改进服务。"]),
        ],
        ["教育文体"] =
        [
            new(["{school}乱收费", "{school}违规收取资料费", "关于{school}收费问题", "学校强制收费"],
                ["{school}每学期要求学生交{amount}元的资料费，还没有收据。", "学校强制学生购买指定的校服和教辅资料。",
                 "班主任要求家长交班费，数额不小。", "学校以兴趣班的名义变相收费。"],
                ["请教育局查处乱收费。", "要求退还违规收取的费用。"]),
            new(["{district}入学难问题", "孩子上学学位问题", "{estate}对口学校问题", "关于{estate}学区划分的诉求"],
                ["我们{estate}的孩子被划到很远的学校，每天上学要坐一个多小时车。", "今年学位紧张，孩子到现在还没有学校接收。",
                 "外来务工人员的子女入学门槛太高，材料准备了一大堆。", "小区配套的学校建好了却迟迟不开学。", "学区划分每年都变，家长无所适从。"],
                ["请教育局合理划分学区。", "希望解决孩子上学问题。"]),
            new(["{school}老师有偿补课", "在职教师违规补课", "校外培训机构问题", "培训机构跑路"],
                ["{school}有老师课上不讲重点，课后在家里办补习班收费。", "在职老师暗示家长让孩子参加他的补课班。",
                 "校外培训机构收了一年的学费后突然关门，老板联系不上。", "培训机构虚假宣传，退费遇到各种刁难。"],
                ["请教育部门严查有偿补课。", "要求培训机构退还学费。"]),
            new(["{school}食堂饭菜问题", "学生午休问题", "{school}作业负担过重", "学校管理问题"],
                ["{school}食堂的饭菜质量很差，价格还不便宜。", "学校不让学生午休，孩子下午上课没精神。",
                 "孩子每天作业写到晚上十一点，负担太重了。", "学校放学太早，家长没法接孩子。", "学校体育课经常被其他课占用。"],
                ["希望教育局督促学校整改。", "请关注学生的身心健康。"]),
            new(["{school}教师招聘问题", "代课教师待遇问题", "特岗教师转正问题", "民办教师问题"],
                ["我是{school}的代课老师，教了十几年书，待遇还是很低。", "教师招聘考试成绩公示有问题。",
                 "特岗教师服务期满后迟迟不给转正。", "乡村教师补助没有按时发放。"],
                ["希望教育局落实教师待遇。", "请求解决代课教师编制问题。"]),
            new(["{district}体育场馆开放问题", "建议修建图书馆", "{estate}附近缺少文体设施", "公园健身器材损坏"],
                ["{district}的体育馆平时都不对外开放。", "我们这一片几万人，连一个像样的图书馆都没有。",
                 "小区附近的健身器材坏了很久没人修。", "建议利用空地建设篮球场和健身广场。", "文化活动中心被挪作他用。"],
                ["建议增加文体设施。", "希望免费开放体育场馆。"]),
        ],
        ["劳动和社会保障"] =
        [
            new(["{company}拖欠工资", "农民工讨薪", "关于{company}拖欠农民工工资的问题", "工地拖欠工资"],
                ["我们在{company}的工地干了{n}个月，老板一直拖欠工资，共计{amount}元。", "包工头说开发商没给钱，工资一拖再拖。",
                 "我们几十个农民工到现在一分钱都没拿到，过年都回不了家。", "找劳动监察大队反映过，说让我们去仲裁。", "公司欠薪跑路，老板电话关机。"],
                ["请劳动监察部门帮我们讨回血汗钱。", "恳请政府为农民工做主。"]),
            new(["{company}不给员工缴纳社保", "社保断缴问题", "养老保险补缴问题", "关于社保转移的问题"],
                ["{company}入职时说好缴纳五险一金，结果一直没有给我们缴社保。", "我在{company}工作了{n}年，公司一直没有为我缴纳养老保险。",
                 "社保转移手续办了半年还没办好。", "以前断缴的养老保险想补缴，社保局说不行。", "公司按最低标准给我们缴社保。"],
                ["请社保部门督促公司补缴。", "希望明确补缴政策。"]),
            new(["{company}违法解除劳动合同", "公司不签劳动合同", "被公司无故辞退", "加班不给加班费"],
                ["{company}不和员工签订劳动合同，随意辞退员工。", "我在公司工作了{n}年，公司无故将我辞退，不给任何补偿。",
                 "公司强制加班，每天工作十二个小时，加班费一分没有。", "公司以调岗为名逼迫员工离职。"],
                ["请劳动部门维护我的合法权益。", "要求公司支付经济补偿。"]),
            new(["工伤认定问题", "{company}工伤赔偿", "工伤待遇迟迟不落实", "关于工伤鉴定的诉求"],
                ["我在{company}上班时受伤，公司拒绝给我申请工伤认定。", "工伤认定下来了，公司一直拖着不赔偿。",
                 "劳动能力鉴定结果不公，我要求重新鉴定。", "工伤医疗费用公司只报了一部分。"],
                ["请人社局依法处理。", "希望尽快落实工伤待遇。"]),
            new(["退休待遇问题", "养老金计算问题", "{district}退休人员待遇", "关于退休年龄认定"],
                ["我今年办理退休，养老金计算的工龄少算了{n}年。", "企业退休人员的养老金比同级别的机关人员低很多。",
                 "档案里的出生日期有误，影响我办理退休。", "退休金调整没有按政策落实。"],
                ["请社保部门核实重新计算。", "希望落实退休待遇。"]),
            new(["失业保险金申领问题", "公积金提取难", "{district}就业补贴问题", "灵活就业人员社保"],
                ["申领失业保险金要求提供很多证明，来回跑了好几趟。", "公积金提取手续太复杂，单位不配合。",
                 "就业补贴申请后一直没有到账。", "灵活就业人员医疗保险缴费标准太高。", "住房公积金单位一直少缴。"],
                ["希望简化办理流程。", "请相关部门落实政策。"]),
        ],
        ["商贸旅游"] =
        [
            new(["{company}预付卡跑路", "健身房关门跑路", "美容院预付卡不退", "关于预付卡消费纠纷"],
                ["{estate}附近的健身房突然关门，我办的{amount}元年卡还没用几次。", "美容院老板卷款跑路，几百名会员的预付卡都退不了。",
                 "理发店换了老板以后不认以前的会员卡。", "商家办卡时承诺随时可以退，现在拒绝退款。"],
                ["请市场监管部门帮助消费者维权。", "希望加强对预付卡的监管。"]),
            new(["{road}超市销售过期食品", "商场售卖假货", "网购商品质量问题", "关于商家虚假宣传"],
                ["在{road}的超市买到过期食品，商家拒绝赔偿。", "商场卖的名牌鞋是假货，商家不承认。",
                 "网上买的家电有质量问题，商家一直推脱不给退换。", "商家虚假宣传，实际商品和宣传的完全不一样。", "超市的价格标签和结账价格不一致。"],
                ["请市场监管局查处。", "要求商家退一赔三。"]),
            new(["景区门票价格问题", "{district}旅游景点乱收费", "旅行社强制购物", "导游服务问题"],
                ["景区门票涨到{amount}元，里面的项目还要另外收费。", "参加旅行社的一日游，被导游带到购物店强制消费。",
                 "景区停车费、观光车费收费太高。", "旅行社临时取消行程，不退团费。", "景区节假日人太多，没有限流。"],
                ["请旅游部门规范管理。", "要求旅行社退还费用。"]),
            new(["{road}菜市场问题", "农贸市场管理混乱", "{estate}附近缺少菜市场", "市场摊位费太高"],
                ["{road}的菜市场环境脏乱差，缺斤少两的现象很普遍。", "农贸市场管理方乱收摊位费，一年涨一次。",
                 "我们小区周边三公里内没有一个菜市场，买菜很不方便。", "菜市场被拆了以后一直没有新建。"],
                ["建议规划建设菜市场。", "请市场监管部门加强管理。"]),
            new(["{company}装修合同纠纷", "家具质量问题", "二手车交易纠纷", "汽车4S店售后问题"],
                ["和{company}签了装修合同，收了定金后迟迟不开工。", "买的家具有甲醛味，商家不给退。",
                 "在4S店买的新车有质量问题，4S店只修不换。", "二手车商隐瞒了车辆事故情况。"],
                ["请消费者协会介入调解。", "希望依法维护消费者权益。"]),
            new(["商铺经营许可问题", "个体户办证难", "{district}夜市经营管理", "网店经营问题"],
                ["我想开一家小餐馆，办营业执照跑了好多趟。", "个体工商户年报系统太复杂。",
                 "夜市摊位被取消以后，我们这些小商贩没有地方经营了。", "商铺租金一年涨了百分之三十，小本生意做不下去。"],
                ["希望优化营商环境。", "建议恢复夜市。"]),
        ],
        ["卫生计生"] =
        [
            new(["{hospital}乱收费", "医院过度检查", "{hospital}收费不合理", "看病贵问题"],
                ["在{hospital}住了一个星期院，花了{amount}元，很多检查根本没必要。", "医院开的药比外面药店贵一倍。",
                 "医保报销比例太低，自费部分太多。", "医院收费清单上有很多项目根本没有做过。"],
                ["请卫健委核查医院收费。", "要求退还不合理费用。"]),
            new(["{hospital}医疗事故", "医患纠纷", "{hospital}误诊", "关于{hospital}医生的投诉"],
                ["我母亲在{hospital}做手术后出现严重感染，医院推卸责任。", "孩子在{hospital}被误诊，耽误了治疗。",
                 "医生态度恶劣，问两句就不耐烦。", "手术后病人去世，医院不给说法，病历也不让复印。"],
                ["请卫生部门调查处理。", "要求医院给个说法。"]),
            new(["{district}计划生育政策问题", "二孩生育登记问题", "独生子女奖励问题", "计生特扶问题"],
                ["我们是独生子女家庭，独生子女奖励一直没有发放。", "办理二孩生育登记需要的材料太多。",
                 "失独家庭的特别扶助金标准太低。", "以前超生被罚的社会抚养费，现在政策变了能不能退还。"],
                ["希望落实计生奖励政策。", "请卫健委答复。"]),
            new(["{village}卫生院问题", "乡镇卫生院医疗条件差", "{district}社区医院问题", "家庭医生签约问题"],
                ["{village}卫生院设备老旧，医生也少，看个病要跑到县城。", "社区卫生服务中心经常缺药。",
                 "家庭医生签约了以后从来没有见过医生。", "乡村医生的待遇太低，都不愿意干了。"],
                ["希望改善基层医疗条件。", "请落实家庭医生服务。"]),
            new(["疫苗接种问题", "{district}疫苗预约难", "传染病防控问题", "食品卫生问题"],
                ["孩子打疫苗预约不上，社区医院说没有疫苗。", "九价疫苗预约了一年还没打上。",
                 "小区出现多例传染病，没有人来消毒。", "接种点排队太长，老人孩子都在外面等。"],
                ["希望增加疫苗供应。", "请疾控部门重视。"]),
            new(["{hospital}挂号难", "{hospital}停车难看病难", "医保报销问题", "异地就医结算问题"],
                ["{hospital}专家号根本挂不上，都被号贩子抢走了。", "在外地住院回来报销，医保中心说材料不全。",
                 "异地就医备案以后还是不能直接结算。", "医院的自助挂号机经常坏，排队要两个小时。", "门诊特殊病种申请流程太复杂。"],
                ["请医保部门简化报销流程。", "希望打击号贩子。"]),
        ],
    };

    // Pairs of classes whose letters are easily confused; used for the "debatable" share.
    private static readonly Dictionary<string, string[]> Neighbours = new()
    {
        ["城乡建设"] = ["环境保护", "交通运输", "商贸旅游"],
        ["环境保护"] = ["城乡建设", "交通运输"],
        ["交通运输"] = ["城乡建设", "环境保护"],
        ["教育文体"] = ["劳动和社会保障", "商贸旅游"],
        ["劳动和社会保障"] = ["教育文体", "城乡建设", "卫生计生"],
        ["商贸旅游"] = ["城乡建设", "卫生计生", "教育文体"],
        ["卫生计生"] = ["劳动和社会保障", "商贸旅游"],
    };

    private T Pick<T>(IReadOnlyList<T> list) => list[rng.Next(list.Count)];

    private string Fill(string template)
    {
        var sb = new StringBuilder(template);
        sb.Replace("{estate}", Pick(Estates)).Replace("{village}", Pick(Villages)).Replace("{road2}", Pick(Roads)).Replace("{road}", Pick(Roads))
          .Replace("{district}", Pick(Districts)).Replace("{company}", Pick(Companies)).Replace("{school}", Pick(Schools))
          .Replace("{hospital}", Pick(Hospitals)).Replace("{city}", "A市")
          .Replace("{n}", rng.Next(2, 13).ToString(CultureInfo.InvariantCulture))
          .Replace("{year}", rng.Next(2014, 2020).ToString(CultureInfo.InvariantCulture))
          .Replace("{route}", rng.Next(1, 400).ToString(CultureInfo.InvariantCulture))
          .Replace("{amount}", (rng.Next(1, 200) * 100).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>One petition of a class. <paramref name="debatableShare"/>: chance it is written about a neighbouring class's matter.</summary>
    public LabelledText Next(string label, double debatableShare = 0.06)
    {
        var source = rng.NextDouble() < debatableShare ? Pick(Neighbours[label]) : label;
        var matter = Pick(Matters[source]);
        var title = Fill(Pick(matter.Titles));
        var content = new StringBuilder();
        content.Append(Pick(Openers)).Append(Fill(Pick(Intros)));
        var facts = matter.Facts.OrderBy(_ => rng.Next()).Take(rng.Next(1, Math.Min(4, matter.Facts.Length) + 1)).ToList();
        foreach (var f in facts)
        {
            content.Append(Fill(f));
        }

        // A sentence from another class's matter now and then: real letters wander (工地 noise and wages …).
        if (rng.NextDouble() < 0.25)
        {
            content.Append(Fill(Pick(Pick(Matters[Pick(Neighbours[label])]).Facts)));
        }

        content.Append(Fill(Pick(Complaints)));
        content.Append(rng.NextDouble() < 0.6 ? Fill(Pick(matter.Demands)) : string.Empty);
        content.Append(Pick(Demands));
        return new LabelledText(title, content.ToString(), label);
    }

    /// <summary>A labelled set with the public corpus's uneven class sizes (城乡建设 most, 交通运输 fewest).</summary>
    public List<LabelledText> Labelled(int count, double debatableShare = 0.06)
    {
        double[] weights = [0.22, 0.10, 0.07, 0.17, 0.20, 0.13, 0.11];
        var list = new List<LabelledText>(count);
        for (var i = 0; i < count; i++)
        {
            var x = rng.NextDouble();
            var c = 0;
            while (c < weights.Length - 1 && (x -= weights[c]) > 0)
            {
                c++;
            }

            list.Add(Next(Classes[c], debatableShare));
        }

        return list;
    }

    /// <summary>A repeat-detection item.</summary>
    public sealed record Item(string Id, string Title, string Content, string User, DateTimeOffset Time, string Recipient);

    /// <summary>
    /// Items in registration order with the true repeat pairs: originals; exact and lightly edited
    /// repeats by the same user weeks later; 一信多投 copies to other recipients the same day (not
    /// repeats); the same text from other users (a campaign; not repeats); the same user on another matter.
    /// </summary>
    public (List<Item> Items, List<(string, string)> Pairs) RepeatSet(int originals, DateTimeOffset start)
    {
        string[] recipients = ["430100-xfj", "430102-xfj", "430103-rsj", "430104-zjj", "430105-hbj", "430111-jyj", "430112-wjw"];
        var events = new List<(DateTimeOffset Time, string Group, Item Item)>();
        var groups = new Dictionary<string, List<string>>();
        var id = 100000;
        for (var o = 0; o < originals; o++)
        {
            var user = $"U{rng.Next(1, 1_000_000):D7}";
            var p = Next(Pick(Classes), 0);
            var t0 = start.AddMinutes(rng.Next(0, 60 * 24 * 300));
            var recipient = Pick(recipients);
            var group = $"g{o}";
            events.Add((t0, group, new Item((id++).ToString(CultureInfo.InvariantCulture), p.Title, p.Content, user, t0, recipient)));
            var roll = rng.NextDouble();
            if (roll < 0.25)
            {
                // Repeats: 1–2 more, exact or lightly edited, weeks to months later.
                var count = rng.Next(1, 3);
                var t = t0;
                for (var k = 0; k < count; k++)
                {
                    t = t.AddDays(rng.Next(5, 120)).AddMinutes(rng.Next(0, 600));
                    var (title, content) = Edit(p.Title, p.Content);
                    events.Add((t, group, new Item((id++).ToString(CultureInfo.InvariantCulture), title, content, user, t, rng.NextDouble() < 0.7 ? recipient : Pick(recipients))));
                }
            }
            else if (roll < 0.32)
            {
                // 一信多投: same letter to other bodies within a day.
                foreach (var other in recipients.Where(r => r != recipient).OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)))
                {
                    var t = t0.AddMinutes(rng.Next(1, 60 * 24));
                    events.Add((t, $"m{id}", new Item((id++).ToString(CultureInfo.InvariantCulture), p.Title, p.Content, user, t, other)));
                }
            }
            else if (roll < 0.37)
            {
                // Campaign: neighbours send the same text; similar cases, not repeats.
                for (var k = 0; k < rng.Next(1, 4); k++)
                {
                    var t = t0.AddDays(rng.Next(0, 10));
                    events.Add((t, $"c{id}", new Item((id++).ToString(CultureInfo.InvariantCulture), p.Title, p.Content, $"U{rng.Next(1, 1_000_000):D7}", t, recipient)));
                }
            }
            else if (roll < 0.45)
            {
                // Same person, another matter.
                var q = Next(Pick(Classes), 0);
                var t = t0.AddDays(rng.Next(1, 90));
                events.Add((t, $"o{id}", new Item((id++).ToString(CultureInfo.InvariantCulture), q.Title, q.Content, user, t, recipient)));
            }
        }

        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        foreach (var e in events)
        {
            if (!groups.TryGetValue(e.Group, out var members))
            {
                groups[e.Group] = members = [];
            }

            members.Add(e.Item.Id);
        }

        var pairs = new List<(string, string)>();
        foreach (var (g, members) in groups.Where(g => g.Key[0] == 'g'))
        {
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    pairs.Add((members[i], members[j]));
                }
            }
        }

        return (events.Select(e => e.Item).ToList(), pairs);
    }

    /// <summary>Light edits a petitioner makes when sending again.</summary>
    public (string Title, string Content) Edit(string title, string content)
    {
        switch (rng.Next(6))
        {
            case 0:
                return (title, content); // exact resend
            case 1:
                return ("再次反映：" + title, "领导您好，" + content + "问题至今仍未解决，请尽快处理！");
            case 2:
                return (title, content + Pick(["到现在已经过去两个月了，还是没有人管。", "上次反映后没有任何回音。", "请领导一定要重视！"]));
            case 3:
            {
                // Drop or swap a few characters (typing it again from memory).
                var chars = content.ToCharArray().ToList();
                for (var k = 0; k < 3 && chars.Count > 20; k++)
                {
                    chars.RemoveAt(rng.Next(chars.Count));
                }

                return (title, new string(chars.ToArray()));
            }

            case 4:
            {
                // Drop one sentence.
                var sentences = content.Split('。', StringSplitOptions.RemoveEmptyEntries).ToList();
                if (sentences.Count > 3)
                {
                    sentences.RemoveAt(rng.Next(1, sentences.Count - 1));
                }

                return (title, string.Join('。', sentences) + "。");
            }

            default:
                return ("关于" + title + "的再次投诉", content.Replace("，", "。", StringComparison.Ordinal));
        }
    }

    /// <summary>Hot-spot items: a few clusters (one place, one problem) in a background of single matters.</summary>
    public List<Item> HotspotSet(int background, DateTimeOffset start, out Dictionary<string, List<string>> clusters)
    {
        var topics = new (string Name, string[] Titles, string[] Facts, int Count)[]
        {
            ("丽发新城搅拌站", ["丽发新城小区附近搅拌站噪音扰民", "丽发新城旁搅拌站粉尘污染严重", "投诉丽发新城附近的搅拌站", "丽发新城搅拌站夜间施工扰民"],
                ["丽发新城小区旁边的搅拌站每天晚上都在作业，噪音太大了。", "搅拌站的粉尘让丽发新城的业主不敢开窗。", "丽发新城的老人孩子被搅拌站吵得睡不着。", "搅拌站的罐车进出丽发新城门口，灰尘漫天。"], 14),
            ("金域华府物业", ["金域华府物业乱收停车费", "金域华府物业公司服务差", "金域华府物业费上涨问题"],
                ["金域华府物业突然把停车费从每月一百涨到三百。", "金域华府物业不公开公共收益账目。", "金域华府电梯坏了物业一直不修。"], 9),
            ("黄花村拆迁", ["黄花村征地拆迁补偿款未发放", "黄花村安置房迟迟未建", "关于黄花村拆迁补偿的问题"],
                ["黄花村的征地拆迁补偿款拖了两年还没发。", "黄花村村民在外过渡好几年，安置房还没开工。", "黄花村拆迁补偿标准不一致。"], 7),
        };
        clusters = [];
        var items = new List<Item>();
        var id = 500000;
        foreach (var topic in topics)
        {
            var members = new List<string>();
            for (var k = 0; k < topic.Count; k++)
            {
                // Later in the period more often: a rising problem.
                var day = (int)(Math.Sqrt(rng.NextDouble()) * 90);
                var content = Pick(Openers) + string.Concat(topic.Facts.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3))) + Fill(Pick(Complaints)) + Pick(Demands);
                var itemId = (id++).ToString(CultureInfo.InvariantCulture);
                items.Add(new Item(itemId, Pick(topic.Titles), content, $"U{rng.Next(1, 1_000_000):D7}", start.AddDays(day).AddMinutes(rng.Next(0, 1440)), "430100-xfj"));
                members.Add(itemId);
            }

            clusters[topic.Name] = members;
        }

        for (var k = 0; k < background; k++)
        {
            var p = Next(Pick(Classes), 0);
            items.Add(new Item((id++).ToString(CultureInfo.InvariantCulture), p.Title, p.Content, $"U{rng.Next(1, 1_000_000):D7}", start.AddDays(rng.Next(0, 90)), "430100-xfj"));
        }

        return items.OrderBy(i => i.Time).ToList();
    }
}
