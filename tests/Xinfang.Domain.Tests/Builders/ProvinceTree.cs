using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Tests.Builders;

/// <summary>
/// A tree shaped like the demo jurisdiction: a petition bureau per division standing for its
/// 党委和政府, its departments (with their 系统 line) and township governments below it.
/// </summary>
public sealed class ProvinceTree
{
    private readonly Dictionary<string, Organization> _byCode = [];

    public ProvinceTree()
    {
        Add("330000XFJ", "浙江省信访局", OrganizationLevel.Province, OrganizationKind.PetitionBureau, null);
        Add("330000ZJT", "浙江省住房和城乡建设厅", OrganizationLevel.Province, OrganizationKind.ResponsibleUnit, "330000XFJ", "住建");
        Add("330000RST", "浙江省人力资源和社会保障厅", OrganizationLevel.Province, OrganizationKind.ResponsibleUnit, "330000XFJ", "人社");
        Add("330100XFJ", "杭州市信访局", OrganizationLevel.City, OrganizationKind.PetitionBureau, "330000XFJ");
        Add("330100ZJJ", "杭州市住房和城乡建设局", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330100XFJ", "住建");
        Add("330100RSJ", "杭州市人力资源和社会保障局", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330100XFJ", "人社");
        Add("330106XFJ", "西湖区信访局", OrganizationLevel.County, OrganizationKind.PetitionBureau, "330100XFJ");
        Add("330106ZJJ", "西湖区住房和城乡建设局", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330106XFJ", "住建");
        Add("330106001JD", "北山街道办事处", OrganizationLevel.Township, OrganizationKind.ResponsibleUnit, "330106XFJ");
        Add("330110XFJ", "余杭区信访局", OrganizationLevel.County, OrganizationKind.PetitionBureau, "330100XFJ");
        Add("330110ZJJ", "余杭区住房和城乡建设局", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, "330110XFJ", "住建");
        Add("330200XFJ", "宁波市信访局", OrganizationLevel.City, OrganizationKind.PetitionBureau, "330000XFJ");
        Add("330200ZJJ", "宁波市住房和城乡建设局", OrganizationLevel.City, OrganizationKind.ResponsibleUnit, "330200XFJ", "住建");
        Tree = new OrganizationTree(_byCode.Values);
    }

    public OrganizationTree Tree { get; }

    public Organization this[string code] => _byCode[code];

    private void Add(string code, string name, OrganizationLevel level, OrganizationKind kind, string? parent, string? line = null) =>
        _byCode[code] = new Organization(Guid.NewGuid(), code, name, code[..(level == OrganizationLevel.Township ? 9 : 6)], level, kind,
            parent is null ? null : _byCode[parent].Id, line);
}
