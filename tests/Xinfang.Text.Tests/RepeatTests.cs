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
    [InlineData(0.45, "P1", RepeatVerdict.SamePetitionerOtherMatter)] // same person, but no text to show it is the same matter
    [InlineData(0.40, null, null)] // unknown person: only content counts, and 0.40 is not enough
    [InlineData(0.40, "P2", null)]
    [InlineData(0.55, "P1", RepeatVerdict.Repeat)]
    public void Without_the_texts_the_petitioner_key_alone_never_lowers_the_bar(double similarity, string? later, RepeatVerdict? expected)
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
        Assert.True(found[0].Reasons.HasFlag(RepeatReason.SimilarContent));
        Assert.False(found[0].Reasons.HasFlag(RepeatReason.SamePetitioner));
        Assert.Null(found[0].Explanation.SamePetitioner);
    }
}

/// <summary>
/// The repeat pair sets of issue 15 (tools/make-repeat-pairs.py → Data/repeats/): the rule's settings
/// were chosen on the TUNING set; the floors here are on the REPORT set, which was never used for choosing.
/// </summary>
public sealed class RepeatPairSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(8));

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "repeats", name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TextCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static double Number(string output, string label)
    {
        var m = System.Text.RegularExpressions.Regex.Match(output, "^" + label + @": ([0-9.]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(m.Success, $"no '{label}:' line in:\n{output}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The hand-written petitioners with two or three matters (Data/repeats/hand-written.tsv).</summary>
    private static List<string[]> Hand() => File.ReadAllLines(Data("hand-written.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();

    private static string[] Hand(string person, string matter, string kind) => Hand().Single(r => r[1] == person && r[2] == matter && r[3] == kind);

    [Fact]
    public void Report_set_with_petitioner_keys_reaches_precision_097_at_recall_095()
    {
        var (code, output, error) = Run("evaluate-duplicates", "--items", Data("repeat-report-items.tsv"), "--pairs", Data("repeat-report-pairs.tsv"));
        Assert.True(code == 0, error);
        Assert.True(Number(output, "precision") >= 0.97, output);
        Assert.True(Number(output, "recall") >= 0.95, output);
        Assert.Contains("multi-send pairs set aside: 50", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_rule_fails_the_report_set_so_the_floors_can_fail()
    {
        // The rule before issue 15: same petitioner + similarity 0.35, no term evidence. It either
        // misses the re-worded and shortened re-sends or, lowered further, links the other matters.
        var (_, output, _) = Run("evaluate-duplicates", "--items", Data("repeat-report-items.tsv"), "--pairs", Data("repeat-report-pairs.tsv"),
            "--same-petitioner-threshold", "0.35", "--term-overlap", "0", "--min-shared-terms", "0");
        Assert.True(Number(output, "recall") < 0.95, output);
        (_, output, _) = Run("evaluate-duplicates", "--items", Data("repeat-report-items.tsv"), "--pairs", Data("repeat-report-pairs.tsv"),
            "--same-petitioner-threshold", "0.1", "--term-overlap", "0", "--min-shared-terms", "0");
        Assert.True(Number(output, "precision") < 0.97, output);
    }

    [Fact]
    public void Report_set_by_content_alone_is_measured_too()
    {
        // Without keys a neighbour's re-worded letter on the same matter cannot be told from a re-send,
        // and re-worded/shortened re-sends fall below the content bar: the figures are lower, by design.
        var noKeys = Path.Combine(Path.GetTempPath(), $"nokeys-{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(noKeys, File.ReadAllLines(Data("repeat-report-items.tsv")).Select((line, i) =>
        {
            var cells = line.Split('\t');
            if (i > 0)
            {
                cells[3] = string.Empty;
            }

            return string.Join('\t', cells);
        }));
        try
        {
            var (code, output, error) = Run("evaluate-duplicates", "--items", noKeys, "--pairs", Data("repeat-report-pairs.tsv"));
            Assert.True(code == 0, error);
            Assert.True(Number(output, "precision") >= 0.70, output);
            Assert.True(Number(output, "recall") >= 0.65, output);
        }
        finally
        {
            File.Delete(noKeys);
        }
    }

    [Fact]
    public void Tuning_and_report_sets_share_no_text()
    {
        static HashSet<string> Texts(string set) => File.ReadAllLines(Data($"repeat-{set}-items.tsv")).Skip(1).Select(l => l.Split('\t')[2]).ToHashSet();
        var tune = Texts("tune");
        var report = Texts("report");
        Assert.True(tune.Count > 1000 && report.Count > 1000);
        Assert.Empty(tune.Intersect(report));
        Assert.Equal(2, Hand().Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public void Same_petitioner_with_two_matters_against_the_same_employer_is_not_a_repeat()
    {
        // R01: unpaid wages from 美居装饰, then a bad renovation by the same 美居装饰.
        var wages = Hand("R01", "A", "original");
        var renovation = Hand("R01", "B", "different");
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", "P1", T0, "330105-rsj"), wages[4], wages[5]);
        var found = index.FindCandidates(new RepeatMeta("2", "P1", T0.AddDays(60), "330105-scj"), renovation[4], renovation[5]);
        var other = Assert.Single(found);
        Assert.Equal(RepeatVerdict.SamePetitionerOtherMatter, other.Verdict);
        Assert.False(other.IsLikelyRepeat);
    }

    [Theory]
    [InlineData("tune")]
    [InlineData("report")]
    public void Every_hand_written_petitioners_other_matters_stay_apart_and_the_re_send_is_found(string set)
    {
        var rows = Hand().Where(r => r[0] == set).ToList();
        var wrong = new List<string>();
        foreach (var person in rows.GroupBy(r => r[1]))
        {
            var index = new NearDuplicateIndex();
            var at = T0;
            var ids = new Dictionary<string, string>();
            foreach (var r in person)
            {
                at = at.AddDays(30);
                var id = $"{r[1]}-{r[2]}-{r[3]}";
                foreach (var c in index.FindCandidates(new RepeatMeta(id, r[1], at, "x"), r[4], r[5]))
                {
                    var sameMatter = c.Id.Split('-')[1] == r[2];
                    if (c.IsLikelyRepeat != sameMatter)
                    {
                        wrong.Add($"{c.Id} vs {id}: {c.Verdict} ({c.Explanation.ToChinese()})");
                    }
                }

                index.Add(new RepeatMeta(id, r[1], at, "x"), r[4], r[5]);
            }
        }

        // 51 judged pairs per set (16 petitioners); measured: tuning 0 wrong, report 3 wrong (the rider whose
        // two complaints name the same platform, station and district; one shortened message too terse).
        Assert.True(wrong.Count <= 3, $"{wrong.Count} wrong:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void A_re_worded_re_send_is_a_repeat_and_the_explanation_lists_the_shared_words()
    {
        // H01: the same unpaid wages at the 星河湾 site told again in other words (similarity is low).
        var first = Hand("H01", "A", "original");
        var again = Hand("H01", "A", "reworded");
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", "P1", T0, "330108-rsj"), first[4], first[5]);
        var hit = Assert.Single(index.FindCandidates(new RepeatMeta("2", "P1", T0.AddDays(50), "330108-rsj"), again[4], again[5]));
        Assert.Equal(RepeatVerdict.Repeat, hit.Verdict);
        Assert.True(hit.Similarity < new RepeatOptions().SimilarityThreshold, "a re-wording that would pass the content bar tests nothing new");
        Assert.Contains("星河湾", hit.Explanation.SharedTerms);
        Assert.True(hit.Reasons.HasFlag(RepeatReason.SharedTerms) && hit.Reasons.HasFlag(RepeatReason.SamePetitioner));
        Assert.True(hit.Explanation.SamePetitioner);
        Assert.True(hit.Explanation.SameRecipient);
        var reasons = hit.Explanation.ToChinese();
        Assert.StartsWith("相同用词：", reasons, StringComparison.Ordinal);
        Assert.Contains("星河湾", reasons, StringComparison.Ordinal);
        Assert.Contains($"相似度 {hit.Similarity:0.00}", reasons, StringComparison.Ordinal);
        Assert.Contains("同一信访人", reasons, StringComparison.Ordinal);
        Assert.Contains("同一受理机关", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_self_introduction_and_phone_number_make_no_repeat_and_never_appear_in_the_reasons()
    {
        const string intro = "本人王某某，家住拱墅区和睦街道翠苑一区12幢，退休工人，今年68岁。";
        const string sign = "联系人：王某某，联系电话：13812345678。";
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", "P1", T0), "投诉", intro + "楼下饭店油烟净化器从来不开，排风口正对着幼儿园。" + sign);
        var found = Assert.Single(index.FindCandidates(new RepeatMeta("2", "P1", T0.AddDays(20)), "投诉", intro + "小区门口公交站牌被拆，老人要多走一站路。" + sign));
        Assert.Equal(RepeatVerdict.SamePetitionerOtherMatter, found.Verdict);
        var reasons = found.Explanation.ToChinese();
        Assert.DoesNotContain("13812345678", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("某某", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain(found.Explanation.SharedTerms, t => t.Any(char.IsDigit));
    }

    [Fact]
    public void A_different_issue_location_keeps_the_same_petitioners_lower_bar_closed()
    {
        var first = Hand("H05", "A", "original");
        var again = Hand("H05", "A", "shortened");
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1", "P1", T0, Place: "330113103"), first[4], first[5]);
        var elsewhere = Assert.Single(index.FindCandidates(new RepeatMeta("2", "P1", T0.AddDays(30), Place: "330106001"), again[4], again[5]));
        Assert.Equal(RepeatVerdict.SamePetitionerOtherMatter, elsewhere.Verdict);
        Assert.Contains("问题属地不同", elsewhere.Explanation.ToChinese(), StringComparison.Ordinal);
        var samePlace = Assert.Single(index.FindCandidates(new RepeatMeta("3", "P1", T0.AddDays(30), Place: "330113"), again[4], again[5]));
        Assert.Equal(RepeatVerdict.Repeat, samePlace.Verdict);
        Assert.Contains("同一问题属地", samePlace.Explanation.ToChinese(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--same-petitioner-threshold", "1.5")]
    [InlineData("--term-overlap", "-0.1")]
    [InlineData("--min-shared-terms", "x")]
    public void Bad_repeat_knobs_are_usage_errors(string option, string value)
    {
        var (code, _, error) = Run("evaluate-duplicates", "--items", Data("repeat-tune-items.tsv"), "--pairs", Data("repeat-tune-pairs.tsv"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
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
