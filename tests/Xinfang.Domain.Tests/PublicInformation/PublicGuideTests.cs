using Xinfang.Domain.PublicInformation;

namespace Xinfang.Domain.Tests.PublicInformation;

/// <summary>信访公开 (条例 Art. 18): what must be published, the flow of handling, what an edit changed.</summary>
public sealed class PublicGuideTests
{
    [Fact]
    public void Every_item_Article_18_names_is_missing_from_an_empty_guide_and_the_optional_ones_are_not()
    {
        var missing = PublicGuide.Empty.MissingForArticle18().Select(i => i.Field).ToArray();

        // Art. 18: 网络信访渠道、通信地址、咨询投诉电话、信访接待的时间和地点、查询……的方式、信访事项的处理程序.
        Assert.Equal(
            [GuideField.OnlineChannel, GuideField.LetterAddress, GuideField.Phone, GuideField.ReceptionPlace, GuideField.ReceptionHours, GuideField.Procedure, GuideField.QueryAndRating],
            missing);
    }

    [Fact]
    public void A_filled_item_is_no_longer_missing()
    {
        var guide = PublicGuide.Empty with { Phone = "0571-12345678", Procedure = "登记\n办理" };

        var missing = guide.MissingForArticle18().Select(i => i.Field).ToList();

        Assert.DoesNotContain(GuideField.Phone, missing);
        Assert.DoesNotContain(GuideField.Procedure, missing);
        Assert.Contains(GuideField.LetterAddress, missing);
    }

    [Fact]
    public void The_steps_are_the_non_blank_lines_without_the_numbers_typed_by_hand()
    {
        var steps = PublicGuide.StepsOf("1. 登记\n\n2、转送、交办\r\n（3）受理\n 15日内告知 \n10) 答复");

        // "15日内告知" keeps its number: only a number followed by a list mark is numbering.
        Assert.Equal(["登记", "转送、交办", "受理", "15日内告知", "答复"], steps);
    }

    [Fact]
    public void ChangedFrom_names_the_items_whose_text_differs_ignoring_line_endings_and_outer_blanks()
    {
        var before = PublicGuide.Empty with { Phone = "12345", Scope = "甲\n乙" };
        var after = before with { Phone = "54321", Scope = " 甲\r\n乙 ", ReceptionHours = "工作日" };

        Assert.Equal([GuideField.Phone, GuideField.ReceptionHours], after.ChangedFrom(before).Select(i => i.Field));
        Assert.Equal([GuideField.Phone, GuideField.Scope], before.ChangedFrom(null).Select(i => i.Field));
        Assert.Empty(before.ChangedFrom(before with { }));
    }

    [Fact]
    public void Blank_means_nothing_published()
    {
        Assert.True(PublicGuide.Empty.IsBlank);
        Assert.True((PublicGuide.Empty with { Other = "  " }).IsBlank);
        Assert.False((PublicGuide.Empty with { Other = "无障碍通道" }).IsBlank);
    }
}
