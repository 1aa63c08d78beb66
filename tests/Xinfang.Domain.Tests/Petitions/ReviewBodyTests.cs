using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// 复查 goes to the 上一级机关、单位 of the body that handled the item (条例 Art. 35), 复核 to the one
/// above the 复查 body (Art. 36) — not to any body of a higher level.
/// </summary>
public sealed class ReviewBodyTests
{
    private readonly ProvinceTree _t = new();

    /// <summary>Handled and answered by 西湖区住房和城乡建设局.</summary>
    private Scenario ServedByXihuHousing() =>
        Scenario.New().Register().Forward(_t["330106ZJJ"]).Accept().ChooseRoute().Decide().Serve();

    private Scenario ReviewedByHangzhouHousing()
    {
        var s = ServedByXihuHousing();
        s.Petition.RequestReview(_t["330100ZJJ"], _t.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now);
        s.Advance();
        s.Petition.IssueReviewOpinion("维持原处理意见", s.Today, s.ReviewOfficer, s.Now);
        return s.Advance();
    }

    [Theory]
    [InlineData("330106XFJ")] // 本级人民政府 (西湖区, its bureau)
    [InlineData("330100ZJJ")] // 上一级主管部门 (杭州市住建局)
    public void A_review_goes_to_a_superior_of_the_handling_body_Art_35(string reviewer)
    {
        var s = ServedByXihuHousing();

        s.Petition.RequestReview(_t[reviewer], _t.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.UnderReview, s.Petition.State);
        Assert.Equal(_t[reviewer].Id, s.Petition.ReviewOrganizationId);
    }

    [Theory]
    [InlineData("330200ZJJ")] // 宁波市住建局: a higher level, another city
    [InlineData("330100XFJ")] // 杭州市信访局: a higher level, but not the county department's superior
    [InlineData("330100RSJ")] // 杭州市人社局: another line
    [InlineData("330000ZJT")] // 浙江省住建厅: two levels up
    [InlineData("330110ZJJ")] // 余杭区住建局: the same level
    [InlineData("330106ZJJ")] // the handling body itself
    public void A_review_to_any_other_body_is_refused_citing_Art_35(string reviewer)
    {
        var s = ServedByXihuHousing();

        var refused = Expect.Refused("review-body-not-superior", s.Petition,
            () => s.Petition.RequestReview(_t[reviewer], _t.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now));

        Assert.Contains("第三十五条", refused.Message, StringComparison.Ordinal);
        Assert.Contains("西湖区住房和城乡建设局", refused.Message, StringComparison.Ordinal);
        Assert.Contains("杭州市住房和城乡建设局", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("330100XFJ")] // the 复查 body's government (杭州市)
    [InlineData("330000ZJT")] // the 复查 body's same-line department one level up (浙江省住建厅)
    public void A_re_review_goes_to_a_superior_of_the_review_body_Art_36(string reReviewer)
    {
        var s = ReviewedByHangzhouHousing();

        s.Petition.RequestReReview(_t[reReviewer], _t.Tree, "复查未核实补贴标准", s.PetitionerActor, s.Now);

        Assert.Equal(PetitionState.UnderReReview, s.Petition.State);
        Assert.Equal(_t[reReviewer].Id, s.Petition.ReReviewOrganizationId);
    }

    [Theory]
    [InlineData("330000RST")] // 浙江省人社厅: a higher level, another line
    [InlineData("330000XFJ")] // 浙江省信访局: two levels above a city department
    [InlineData("330200XFJ")] // 宁波市: another city
    [InlineData("330106XFJ")] // the handling body's government, below the 复查 body
    [InlineData("330100ZJJ")] // the 复查 body itself
    public void A_re_review_to_a_body_not_above_the_review_body_is_refused_citing_Art_36(string reReviewer)
    {
        var s = ReviewedByHangzhouHousing();

        var refused = Expect.Refused("re-review-body-not-superior", s.Petition,
            () => s.Petition.RequestReReview(_t[reReviewer], _t.Tree, "复查未核实补贴标准", s.PetitionerActor, s.Now));

        Assert.Contains("第三十六条", refused.Message, StringComparison.Ordinal);
        Assert.Contains("杭州市住房和城乡建设局", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bodies_offered_are_exactly_the_superiors_of_the_challenged_body()
    {
        var served = ServedByXihuHousing().Petition;
        Assert.Equal(["330106XFJ", "330100ZJJ"], ReviewBodies.For(served, PetitionAction.RequestReview, _t.Tree).Select(o => o.Code));

        var reviewed = ReviewedByHangzhouHousing().Petition;
        Assert.Equal(["330100XFJ", "330000ZJT"], ReviewBodies.For(reviewed, PetitionAction.RequestReReview, _t.Tree).Select(o => o.Code));
    }

    [Fact]
    public void A_street_offices_answer_is_reviewed_by_the_county_government()
    {
        var s = Scenario.New().Register().Forward(_t["330106001JD"]).Accept().ChooseRoute().Decide().Serve();

        Assert.Equal(["330106XFJ"], ReviewBodies.For(s.Petition, PetitionAction.RequestReview, _t.Tree).Select(o => o.Code));
        Expect.Refused("review-body-not-superior", s.Petition,
            () => s.Petition.RequestReview(_t["330100XFJ"], _t.Tree, "理由", s.PetitionerActor, s.Now));
    }
}
