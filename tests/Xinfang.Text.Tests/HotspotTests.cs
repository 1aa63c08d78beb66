using Xinfang.Text.Testing;

namespace Xinfang.Text.Tests;

public sealed class HotspotTests
{
    [Theory]
    [InlineData("我住在丽发新城小区，附近的搅拌站很吵。", "丽发新城")]
    [InlineData("黄花村的拆迁款还没发。", "黄花村")]
    [InlineData("韶山北路上的渣土车超载。", "韶山北路")]
    [InlineData("我们12人在丽发新城附近的建筑工地干了半年。", "丽发新城")]
    [InlineData("和平里小区的电梯坏了半年。", "和平里小区")]
    [InlineData("向阳花园小区门口的路灯不亮。", "向阳花园")]
    public void Places_are_extracted_without_the_words_around_them(string text, string place)
    {
        Assert.Contains(place, HotspotFinder.ExtractPlaces(text));
    }

    [Fact]
    public void Generic_words_before_a_place_kind_are_not_places()
    {
        Assert.Empty(HotspotFinder.ExtractPlaces("我们小区的物业很差，附近小区也一样。"));
    }

    [Fact]
    public void The_trend_splits_the_requested_period_and_items_at_one_instant_have_none()
    {
        var t0 = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        HotspotItem Item(int i, DateTimeOffset at) => new($"m{i}", "丽发新城搅拌站噪音", $"丽发新城旁边搅拌站夜间噪音扰民，第{i}次反映", at);

        // All at one instant: no trend, rather than every item in the "first half".
        var same = new HotspotFinder().Find(Enumerable.Range(0, 4).Select(i => Item(i, t0)), 1).Single();
        Assert.Equal("持平", same.Trend);

        // Items in days 20-29 of a 30-day period: rising against the period, although they fill their own span evenly.
        var items = Enumerable.Range(0, 4).Select(i => Item(i, t0.AddDays(20 + (3 * i)))).ToList();
        var rising = new HotspotFinder().Find(items, 1, t0, t0.AddDays(30)).Single();
        Assert.Equal((0, 4, "上升"), (rising.FirstHalf, rising.SecondHalf, rising.Trend));
        Assert.Equal("持平", new HotspotFinder().Find(items, 1).Single().Trend);
    }

    [Fact]
    public void One_place_one_problem_clusters_come_out_on_top()
    {
        var items = new PetitionCorpus(77).HotspotSet(200, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), out var clusters);
        var topics = new HotspotFinder().Find(items.Select(i => new HotspotItem(i.Id, i.Title, i.Content, i.Time)), 10);

        var mixer = topics[0];
        Assert.Contains("丽发新城", mixer.Places);
        Assert.Contains("搅拌站", mixer.Keywords);
        var truth = clusters["丽发新城搅拌站"];
        Assert.True(truth.Count(mixer.MemberIds.Contains) >= truth.Count * 0.8, "most of the cluster is in the topic");
        Assert.Equal(mixer.Count, mixer.MemberIds.Count);
        Assert.Equal(mixer.Count, mixer.Weeks.Sum(w => w.Count));
        Assert.Equal(mixer.Count, mixer.FirstHalf + mixer.SecondHalf);

        Assert.Contains(topics, t => t.Places.Contains("金域华府") && clusters["金域华府物业"].Count(t.MemberIds.Contains) >= 6);
        Assert.Contains(topics, t => t.Places.Contains("黄花村") && clusters["黄花村拆迁"].Count(t.MemberIds.Contains) >= 5);
    }

    [Fact]
    public void Trend_compares_the_two_halves_of_the_period()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = new List<HotspotItem>
        {
            new("0", "天气", "今天天气不错", t0),
            new("9", "公园", "公园很好", t0.AddDays(60)),
        };
        for (var i = 1; i <= 5; i++)
        {
            items.Add(new HotspotItem($"n{i}", "丽发新城搅拌站噪音", "丽发新城旁边搅拌站夜间噪音扰民", t0.AddDays(i < 2 ? 5 : 40 + i)));
        }

        var topic = Assert.Single(new HotspotFinder().Find(items));
        Assert.Equal(5, topic.Count);
        Assert.Equal(1, topic.FirstHalf);
        Assert.Equal(4, topic.SecondHalf);
        Assert.Equal("上升", topic.Trend);
    }

    [Fact]
    public void Given_location_is_listed_after_text_places_and_a_location_shared_by_all_does_not_glue_topics()
    {
        var items = new List<HotspotItem>();
        for (var i = 0; i < 6; i++)
        {
            items.Add(new($"a{i}", "丽发新城搅拌站噪音", "丽发新城旁边搅拌站夜间噪音扰民", null, "430100-xfj"));
            items.Add(new($"b{i}", "公交线路调整", $"{i}路公交车调整后出行不便，等车要四十分钟", null, "430100-xfj"));
        }

        var topics = new HotspotFinder().Find(items);
        Assert.Equal(2, topics.Count);
        Assert.All(topics, t => Assert.Equal(6, t.Count));
        var mixer = topics.Single(t => t.MemberIds.Contains("a0"));
        Assert.Equal(["丽发新城", "430100-xfj"], mixer.Places);
        Assert.StartsWith("丽发新城", mixer.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void No_items_no_topics()
    {
        Assert.Empty(new HotspotFinder().Find([]));
    }
}
