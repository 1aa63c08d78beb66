using Xinfang.Domain.Organizations;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Organizations;

/// <summary>Which bodies are the 上一级机关、单位 of a body (条例 Arts. 35–36; docs/domain/lifecycle.md).</summary>
public sealed class OrganizationTreeTests
{
    private readonly ProvinceTree _t = new();

    private string[] SuperiorsOf(string code) => _t.Tree.SuperiorsOf(_t[code].Id).Select(o => o.Code).ToArray();

    [Theory]
    // A county department: the county government (its bureau) and the same-line city department.
    [InlineData("330106ZJJ", new[] { "330106XFJ", "330100ZJJ" })]
    // A city department: the city government and the same-line province department.
    [InlineData("330100ZJJ", new[] { "330100XFJ", "330000ZJT" })]
    [InlineData("330100RSJ", new[] { "330100XFJ", "330000RST" })]
    // A street office (township government): the county government only.
    [InlineData("330106001JD", new[] { "330106XFJ" })]
    // A government: the government one level up.
    [InlineData("330106XFJ", new[] { "330100XFJ" })]
    [InlineData("330100XFJ", new[] { "330000XFJ" })]
    // A province department: the province government (no national body in the tree).
    [InlineData("330000ZJT", new[] { "330000XFJ" })]
    // The top of the tree has nothing above it.
    [InlineData("330000XFJ", new string[0])]
    public void The_superiors_are_the_government_and_the_same_line_department_one_level_up(string body, string[] expected) =>
        Assert.Equal(expected, SuperiorsOf(body));

    [Fact]
    public void Another_citys_department_and_another_lines_department_are_not_superiors()
    {
        var superiors = SuperiorsOf("330106ZJJ");

        Assert.DoesNotContain("330200ZJJ", superiors); // 宁波市住建局: same line, higher level, another city
        Assert.DoesNotContain("330100RSJ", superiors); // 杭州市人社局: the right city, another line
        Assert.DoesNotContain("330000ZJT", superiors); // 浙江省住建厅: two levels up
        Assert.DoesNotContain("330110ZJJ", superiors); // 余杭区住建局: the same level
        Assert.True(_t.Tree.IsSuperiorOf(_t["330100ZJJ"].Id, _t["330106ZJJ"].Id));
        Assert.False(_t.Tree.IsSuperiorOf(_t["330200ZJJ"].Id, _t["330106ZJJ"].Id));
    }

    [Fact]
    public void An_unknown_body_has_no_superiors() => Assert.Empty(_t.Tree.SuperiorsOf(Guid.NewGuid()));

    [Fact]
    public void A_line_code_is_trimmed_and_bounded()
    {
        var o = new Organization(Guid.NewGuid(), "X", "某局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, null, " 住建 ");
        Assert.Equal("住建", o.Line);
        Assert.Null(new Organization(Guid.NewGuid(), "Y", "某局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, null, " ").Line);
        Assert.Throws<ArgumentException>(() => new Organization(Guid.NewGuid(), "Z", "某局", "330106", OrganizationLevel.County, OrganizationKind.ResponsibleUnit, null, new string('系', Organization.MaxLineLength + 1)));
    }
}
