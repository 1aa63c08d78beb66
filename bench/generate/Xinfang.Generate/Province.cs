using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;

namespace Xinfang.Generate;

/// <summary>
/// The synthetic province: the demo jurisdiction's province bureau (浙江省信访局, seeded by the app) gets
/// nine more cities, each with its bureau, seven line departments and eight counties; each county has its
/// bureau, the same seven departments and three townships. With the demo's own cities and counties that is
/// about 750 bodies. Items are registered by the county bureaus (most), the city bureaus and the province's.
/// </summary>
public static class Province
{
    /// <summary>The seven content classes the items fall into, with the 系统 (line) that handles each and a weight.</summary>
    public static readonly (string Class, string Line, int Weight)[] Classes =
    [
        ("城乡建设", "住建", 26),
        ("劳动和社会保障", "人社", 20),
        ("国土资源", "自然资源", 14),
        ("农村农业", "农业农村", 12),
        ("环境保护", "生态环境", 11),
        ("政法", "公安", 10),
        ("卫生计生", "卫健", 7),
    ];

    private static readonly (string Suffix, string Name, string Line)[] Departments =
    [
        ("ZJJ", "住房和城乡建设局", "住建"),
        ("RSJ", "人力资源和社会保障局", "人社"),
        ("ZRJ", "自然资源和规划局", "自然资源"),
        ("NYJ", "农业农村局", "农业农村"),
        ("STJ", "生态环境局", "生态环境"),
        ("GAJ", "公安局", "公安"),
        ("WJJ", "卫生健康局", "卫健"),
    ];

    private static readonly (string Division, string Name, string[] Counties)[] Cities =
    [
        ("330300", "温州市", ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县"]),
        ("330400", "嘉兴市", ["南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市", "嘉兴港区"]),
        ("330500", "湖州市", ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "太湖度假区", "湖州经开区", "南太湖新区"]),
        ("330600", "绍兴市", ["越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市", "滨海新区", "镜湖新区"]),
        ("330700", "金华市", ["婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市"]),
        ("330800", "衢州市", ["柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市", "智造新城", "衢州高新区"]),
        ("330900", "舟山市", ["定海区", "普陀区", "岱山县", "嵊泗县", "新城管委会", "普陀山", "六横", "金塘"]),
        ("331000", "台州市", ["椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县", "温岭市", "临海市"]),
        ("331100", "丽水市", ["莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县", "龙泉市"]),
    ];

    private static readonly string[] Townships = ["城关街道办事处", "新城街道办事处", "东山镇人民政府"];

    /// <summary>The province bureau's code in the demo jurisdiction.</summary>
    public const string RootCode = "330000XFJ";

    /// <summary>Adds the bodies that are not there yet (a second run adds none) and returns every body by code.</summary>
    public static async Task<Dictionary<string, Organization>> EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        var byCode = await db.Organizations.ToDictionaryAsync(o => o.Code, ct);
        var root = byCode.GetValueOrDefault(RootCode)
            ?? throw new InvalidOperationException($"{RootCode} missing: the generator builds on the demo jurisdiction (Xinfang:Demo:Enabled=true)");

        Organization Add(string code, string name, string division, OrganizationLevel level, OrganizationKind kind, Guid parent, string? line = null)
        {
            if (!byCode.TryGetValue(code, out var o))
            {
                o = new Organization(Guid.CreateVersion7(), code, name, division, level, kind, parent, line);
                byCode[code] = o;
                db.Organizations.Add(o);
            }

            return o;
        }

        foreach (var (division, cityName, counties) in Cities)
        {
            var city = Add(division + "XFJ", cityName + "信访局", division, OrganizationLevel.City, OrganizationKind.PetitionBureau, root.Id);
            foreach (var (suffix, name, line) in Departments)
            {
                Add(division + suffix, cityName + name, division, OrganizationLevel.City, OrganizationKind.ResponsibleUnit, city.Id, line);
            }

            for (var c = 0; c < counties.Length; c++)
            {
                var countyDivision = division[..4] + (c + 2).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                var county = Add(countyDivision + "XFJ", counties[c] + "信访局", countyDivision, OrganizationLevel.County, OrganizationKind.PetitionBureau, city.Id);
                foreach (var (suffix, name, line) in Departments)
                {
                    Add(countyDivision + suffix, counties[c] + name, countyDivision, OrganizationLevel.County, OrganizationKind.ResponsibleUnit, county.Id, line);
                }

                for (var t = 0; t < Townships.Length; t++)
                {
                    var town = countyDivision + (t + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
                    Add(town + "JD", counties[c] + Townships[t], town, OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, county.Id);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return byCode;
    }
}
