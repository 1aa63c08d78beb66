using Xinfang.Domain.Common;

namespace Xinfang.Domain.Tests.Common;

/// <summary>ID numbers (GB 11643 check) and mobiles typed into free text are found, masked for views and removed for the index.</summary>
public sealed class PersonalDataInTextTests
{
    [Theory]
    [InlineData("本人身份证号11010519491231002X，请核实", "本人身份证号110105********002X，请核实")]
    [InlineData("身份证 11010519491231002x 号", "身份证 110105********002X 号")]
    [InlineData("电话13912345678联系", "电话139****5678联系")]
    [InlineData("电话 139-1234-5678 或 +86 139 1234 5678", "电话 139****5678 或 139****5678")]
    [InlineData("身份证11010519491231002X电话13912345678", "身份证110105********002X电话139****5678")]
    public void Finds_and_masks_ID_numbers_and_mobiles(string text, string masked)
    {
        Assert.Equal(masked, PersonalDataInText.Mask(text));
        Assert.True(PersonalDataInText.Contains(text));
    }

    [Theory]
    [InlineData("身份证号110105194912310021有误")] // check character wrong: not an ID number by GB 11643
    [InlineData("订单号1391234567890123")] // a mobile-like start inside a longer run of digits
    [InlineData("2025年3月收费200元，合同编号12345678")]
    [InlineData("座机0571-87654321")]
    [InlineData("")]
    public void Leaves_other_numbers_alone(string text)
    {
        Assert.Equal(text, PersonalDataInText.Mask(text));
        Assert.False(PersonalDataInText.Contains(text));
    }

    [Fact]
    public void Remove_keeps_nothing_of_them_and_the_rest_of_the_text()
    {
        var removed = PersonalDataInText.Remove("王建国身份证11010519491231002X手机13912345678反映物业乱收费");
        Assert.DoesNotContain("1391", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("002X", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("110105", removed, StringComparison.Ordinal);
        Assert.Equal("王建国身份证 手机 反映物业乱收费", removed);
    }

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, PersonalDataInText.Mask(null));
}
