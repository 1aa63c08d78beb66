namespace Xinfang.Text.Tests;

public sealed class RepeatTests
{
    private const string Title = "拖欠工资半年未发";
    private const string Content = "我在某建筑公司工地干了半年，老板一直拖欠工资，共计三万元，找劳动监察大队也没有解决，恳请领导帮助讨回血汗钱。";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(8));
    private static readonly RepeatOptions Options = new();

    [Fact]
    public void Same_letter_to_different_recipients_within_the_interval_is_a_multi_send_not_a_repeat()
    {
        var first = new RepeatMeta("1001", "P1", T0, "330102-rsj");
        var copy = new RepeatMeta("1002", "P1", T0.AddDays(1), "330100-xfj");
        var verdict = RepeatRules.Judge(first, copy, 1.0, Options);
        Assert.Equal(RepeatVerdict.MultiSend, verdict!.Verdict);
        Assert.False(verdict.IsLikelyRepeat);
    }

    [Fact]
    public void Same_letter_to_the_same_recipient_is_a_repeat()
    {
        var verdict = RepeatRules.Judge(new RepeatMeta("1001", "P1", T0, "330102-rsj"), new RepeatMeta("1002", "P1", T0.AddDays(1), "330102-rsj"), 0.95, Options);
        Assert.Equal(RepeatVerdict.Repeat, verdict!.Verdict);
        Assert.Equal(RepeatReason.SamePetitioner | RepeatReason.SimilarContent, verdict.Reasons);
    }

    [Fact]
    public void Same_letter_to_another_recipient_after_the_interval_is_a_repeat()
    {
        var verdict = RepeatRules.Judge(new RepeatMeta("1001", "P1", T0, "330102-rsj"), new RepeatMeta("1002", "P1", T0.AddDays(40), "330100-xfj"), 0.9, Options);
        Assert.Equal(RepeatVerdict.Repeat, verdict!.Verdict);
    }

    [Fact]
    public void Multi_send_interval_is_configurable()
    {
        var wide = Options with { MultiSendInterval = TimeSpan.FromDays(10) };
        var verdict = RepeatRules.Judge(new RepeatMeta("1", "P1", T0, "a"), new RepeatMeta("2", "P1", T0.AddDays(7), "b"), 0.9, wide);
        Assert.Equal(RepeatVerdict.MultiSend, verdict!.Verdict);
    }

    [Fact]
    public void Same_text_from_another_petitioner_is_a_similar_case_not_a_repeat()
    {
        var verdict = RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", "P2", T0.AddDays(3)), 1.0, Options);
        Assert.Equal(RepeatVerdict.OtherPetitioner, verdict!.Verdict);
    }

    [Fact]
    public void Items_outside_the_window_are_no_candidates()
    {
        var narrow = Options with { WindowDays = 30 };
        Assert.Null(RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", "P1", T0.AddDays(31)), 1.0, narrow));
        Assert.NotNull(RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", "P1", T0.AddDays(29)), 1.0, narrow));
    }

    [Fact]
    public void Same_petitioner_on_another_matter_is_shown_but_not_a_repeat()
    {
        var verdict = RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", "P1", T0.AddDays(3)), 0.05, Options);
        Assert.Equal(RepeatVerdict.SamePetitionerOtherMatter, verdict!.Verdict);
        Assert.Null(RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", "P2", T0.AddDays(3)), 0.05, Options));
    }

    [Theory]
    [InlineData(0.40, "P1", RepeatVerdict.Repeat)] // same person: the lower bar
    [InlineData(0.34, "P1", RepeatVerdict.SamePetitionerOtherMatter)]
    [InlineData(0.40, null, null)] // unknown person: only content counts, and 0.40 is not enough
    [InlineData(0.40, "P2", null)]
    public void The_same_petitioner_needs_less_similarity_than_content_alone(double similarity, string? later, RepeatVerdict? expected)
    {
        var verdict = RepeatRules.Judge(new RepeatMeta("1", "P1", T0), new RepeatMeta("2", later, T0.AddDays(40)), similarity, Options);
        Assert.Equal(expected, verdict?.Verdict);
    }

    [Fact]
    public void A_short_message_re_sent_with_a_new_plea_is_found_through_the_petitioner()
    {
        // From the hand-written repeat set: too short for 0.5 after the plea, found at the same-petitioner bar.
        const string title = "求问", content = "灵活就业交社保一年一万多 太贵了 有没有补贴政策";
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", "P1", T0, "330106-rsj"), title, content);
        var again = index.FindCandidates(new RepeatMeta("2", "P1", T0.AddDays(280), "330106-sthj"), title, "之前反映过一次，一直没有回复，再次反映：" + content + "希望这次能有个答复！");
        var hit = Assert.Single(again);
        Assert.InRange(hit.Similarity, 0.35, 0.5);
        Assert.Equal(RepeatVerdict.Repeat, hit.Verdict);
    }

    [Fact]
    public void Index_finds_an_edited_repeat_and_sets_aside_a_multi_send()
    {
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1001", "P1", T0, "330102-rsj"), Title, Content);
        index.Add(new RepeatMeta("1002", "P1", T0.AddHours(2), "330100-xfj"), Title, Content); // 一信多投
        index.Add(new RepeatMeta("1003", "P9", T0.AddDays(1), "330102-rsj"), "小区物业乱收停车费", "物业公司今年起每月加收停车管理费两百元，没有任何公示。");

        var again = new RepeatMeta("1004", "P1", T0.AddDays(45), "330102-rsj");
        var candidates = index.FindCandidates(again, "再次反映：" + Title, "领导您好，" + Content + "问题至今仍未解决！");
        Assert.Equal(["1001", "1002"], candidates.Where(c => c.IsLikelyRepeat).Select(c => c.Id).Order().ToArray());
        Assert.DoesNotContain(candidates, c => c.Id == "1003");

        var sameDayCopy = new RepeatMeta("1005", "P1", T0.AddHours(5), "330104-zjj");
        var copyCandidates = index.FindCandidates(sameDayCopy, Title, Content);
        Assert.All(copyCandidates.Where(c => c.Id is "1001" or "1002"), c => Assert.Equal(RepeatVerdict.MultiSend, c.Verdict));
    }

    [Fact]
    public void Anonymous_near_duplicates_are_found_by_content_alone()
    {
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", null, T0), Title, Content);
        var found = index.FindCandidates(new RepeatMeta("2", null, T0.AddDays(10)), Title, Content.Replace("三万元", "三万多元", StringComparison.Ordinal));
        Assert.Single(found);
        Assert.True(found[0].IsLikelyRepeat);
        Assert.Equal(RepeatReason.SimilarContent, found[0].Reasons);
    }
}

public sealed class IndexAgainstExactComparisonTests
{
    [Fact]
    public void Index_finds_what_an_exact_all_pairs_comparison_finds()
    {
        // Exact Jaccard over every pair (quadratic) versus the LSH index (candidate buckets only),
        // content alone: no petitioner keys, so LSH has to find the pairs by itself.
        var (items, _) = new Xinfang.Text.Testing.PetitionCorpus(404).RepeatSet(400, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var shingles = items.Select(i => Shingles(MinHasher.Normalize(i.Title, i.Content))).ToList();
        var exact = new HashSet<(string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var inter = shingles[i].Count(shingles[j].Contains);
                var jaccard = (double)inter / (shingles[i].Count + shingles[j].Count - inter);
                if (jaccard >= 0.6)
                {
                    exact.Add((items[i].Id, items[j].Id));
                }
            }
        }

        var index = new NearDuplicateIndex();
        var found = new HashSet<(string, string)>();
        foreach (var item in items)
        {
            foreach (var c in index.FindCandidates(new RepeatMeta(item.Id), item.Title, item.Content))
            {
                found.Add((c.Id, item.Id));
            }

            index.Add(new RepeatMeta(item.Id), item.Title, item.Content);
        }

        Assert.True(exact.Count > 100, $"only {exact.Count} exact pairs: the test data lost its repeats");
        var recall = (double)exact.Count(found.Contains) / exact.Count;
        Assert.True(recall >= 0.97, $"index found {recall:P1} of {exact.Count} pairs with exact Jaccard >= 0.6");
    }

    private static HashSet<string> Shingles(string s) => Enumerable.Range(0, Math.Max(0, s.Length - 2)).Select(i => s.Substring(i, 3)).ToHashSet();
}
