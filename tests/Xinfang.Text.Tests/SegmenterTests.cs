namespace Xinfang.Text.Tests;

public sealed class SegmenterTests
{
    private static readonly ChineseSegmenter Segmenter = ChineseSegmenter.Shared;

    [Theory]
    [InlineData("公司拖欠工资半年了", "拖欠工资")]
    [InlineData("村里征地拆迁补偿不到位", "征地拆迁")]
    [InlineData("我多次到信访局上访", "上访")]
    [InlineData("小区物业费又涨了", "物业费")]
    [InlineData("旁边的搅拌站噪音扰民", "搅拌站")]
    [InlineData("这是一起涉法涉诉信访事项", "涉法涉诉")]
    public void Domain_dictionary_words_stay_whole(string text, string word)
    {
        Assert.Contains(word, Segmenter.Segment(text));
    }

    [Fact]
    public void Domain_dictionary_is_loaded_from_the_assembly()
    {
        var words = ChineseSegmenter.DomainWords().Select(w => w.Word).ToList();
        Assert.Contains("信访", words);
        Assert.Contains("拖欠工资", words);
        Assert.Contains("征地拆迁", words);
        Assert.Contains("物业", words);
    }

    [Fact]
    public void Segment_drops_punctuation_and_spacing_and_folds_full_width()
    {
        var tokens = Segmenter.Segment("您好！ 请问，ＡＢＣ小区  物业？");
        Assert.DoesNotContain(tokens, t => t.Any(c => char.IsPunctuation(c) || char.IsWhiteSpace(c)));
        Assert.Contains("abc", tokens);
    }

    [Fact]
    public void Index_text_contains_the_parts_of_long_words_so_a_part_finds_the_whole()
    {
        var indexed = Segmenter.ForIndex("征地拆迁补偿", "村里的征地拆迁款没有发放").Split(' ');
        Assert.Contains("征地拆迁", indexed);
        Assert.Contains("拆迁", indexed);
        Assert.Contains("征地", indexed);
        Assert.DoesNotContain("", indexed);
    }

    [Fact]
    public void Query_words_match_index_words()
    {
        var indexed = Segmenter.ForIndex("工地拖欠工资", "老板拖欠农民工工资").Split(' ').ToHashSet();
        Assert.All(Segmenter.SegmentQuery("拖欠工资 农民工"), q => Assert.Contains(q, indexed));
    }

    [Fact]
    public void Highlight_encodes_html_and_marks_each_match()
    {
        var html = Segmenter.Highlight("<b>物业</b>乱收费，物业公司不公示", "物业 乱收费");
        Assert.StartsWith("&lt;b&gt;<mark>物业</mark>&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<mark>乱收费</mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<mark>").Length - 1);
    }

    [Fact]
    public void Highlight_without_matches_only_encodes()
    {
        Assert.Equal("a &amp; b", Segmenter.Highlight("a & b", "噪音"));
        Assert.Equal(string.Empty, Segmenter.Highlight(null, "噪音"));
    }

    [Fact]
    public void Segmentation_is_thread_safe()
    {
        const string text = "丽发新城小区附近搅拌站夜间施工噪音扰民，多次反映没有解决，物业也不管。";
        var expected = Segmenter.Segment(text);
        var results = new IReadOnlyList<string>[200];
        Parallel.For(0, results.Length, i => results[i] = new ChineseSegmenter().Segment(text));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
