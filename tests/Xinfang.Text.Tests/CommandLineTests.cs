using System.Text.RegularExpressions;

namespace Xinfang.Text.Tests;

public sealed class CommandLineTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TextCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static double Number(string output, string label)
    {
        var m = Regex.Match(output, "^" + Regex.Escape(label) + @": ([0-9.]+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"no '{label}:' line in:\n{output}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Evaluate_classifier_prints_scores_per_class_and_a_confusion_matrix()
    {
        // On the hand-written corpus (the realistic set), as an operator would run it on their history.
        var dir = Path.Combine(Path.GetTempPath(), $"written-{Guid.NewGuid():N}");
        var (train, test) = WrittenCorpus.WriteFiles(dir);
        var (code, output, error) = Run("evaluate-classifier", "--train", train, "--test", test);
        Directory.Delete(dir, recursive: true);
        Assert.True(code == 0, error);
        Assert.Matches(@$"^train items: {WrittenCorpus.Train.Count} \(7 classes\), test items: {WrittenCorpus.Test.Count}$", output.Split('\n')[0].TrimEnd('\r'));
        Assert.InRange(Number(output, "accuracy"), 0.80, 1.0);
        Assert.InRange(Number(output, "macro-F1"), 0.80, 1.0);
        Assert.True(Number(output, "training time") > 0);
        Assert.Matches(@"prediction time: [0-9.]+ ms/item \(mean\), [0-9.]+ ms \(p95\)", output);
        Assert.Contains("class\tprecision\trecall\tF1\tsupport", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^环境保护\t[01]\.\d{4}\t[01]\.\d{4}\t[01]\.\d{4}\t\d+$", output);
        var matrix = output[output.IndexOf("true\\predicted", StringComparison.Ordinal)..].Replace("\r", string.Empty, StringComparison.Ordinal)
            .Split("\n\n")[0].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, matrix.Length); // header + 7 classes
        Assert.Equal(WrittenCorpus.Test.Count, matrix.Skip(1).Sum(row => row.Split('\t').Skip(1).Sum(int.Parse)));

        // The plain char n-gram baseline is trained on the same split and the difference printed.
        var baseline = Regex.Match(output, @"(?m)^baseline \(char 1-3-gram TF-IDF \+ linear SVM, C=1\): accuracy ([01]\.\d{4}), macro-F1 ([01]\.\d{4})\r?$");
        Assert.True(baseline.Success, output);
        var difference = Regex.Match(output, @"(?m)^model minus baseline: macro-F1 ([+-][01]\.\d{4})\r?$");
        Assert.True(difference.Success, output);
        Assert.Equal(Number(output, "macro-F1") - double.Parse(baseline.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(difference.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), tolerance: 0.00015);
    }

    [Fact]
    public void Evaluate_classifier_trains_the_char_members_or_the_baseline_alone_on_request()
    {
        static int Features(string output) => int.Parse(Regex.Match(output, @"(?m)^model: .*, features: (\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string[] files = ["--train", Data("classify-train.tsv"), "--test", Data("classify-test.tsv")];

        var (code, chars, error) = Run(["evaluate-classifier", .. files, "--features", "chars"]);
        Assert.True(code == 0, error);
        Assert.Contains("(chars)", chars, StringComparison.Ordinal);
        Assert.Contains("model minus baseline", chars, StringComparison.Ordinal);

        (code, var baseline, error) = Run(["evaluate-classifier", .. files, "--features", "baseline"]);
        Assert.True(code == 0, error);
        Assert.Contains("(baseline)", baseline, StringComparison.Ordinal);
        Assert.DoesNotContain("model minus baseline", baseline, StringComparison.Ordinal); // it is the baseline

        (code, var full, error) = Run(["evaluate-classifier", .. files, "--features", "words+chars"]);
        Assert.True(code == 0, error);
        Assert.True(Features(full) > Features(chars), "words add features to the char members");

        (code, var hashed, error) = Run(["evaluate-classifier", .. files]);
        Assert.True(code == 0, error);
        Assert.Contains("(hashed)", hashed, StringComparison.Ordinal); // the default recipe

        Assert.Equal(2, Run(["evaluate-classifier", .. files, "--features", "words"]).Code);
    }

    [Fact]
    public void Evaluate_classifier_writes_each_test_items_true_and_predicted_class_and_confidence()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"predictions-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // A test file with an id column (used) and one without (row numbers), both with a blank label row (skipped).
            var test = Path.Combine(dir, "test.tsv");
            var rows = File.ReadAllLines(Data("classify-test.tsv")).Skip(1).Take(40).ToList();
            File.WriteAllLines(test, ["id\ttitle\tcontent\tlabel", .. rows.Select((r, i) => $"T{i:000}\t{r}"), "T999\t无标签\t没有分类的一行\t"]);
            var predictions = Path.Combine(dir, "predictions.tsv");
            var (code, output, error) = Run("evaluate-classifier", "--train", Data("classify-train.tsv"), "--test", test, "--predictions", predictions);
            Assert.True(code == 0, error);
            Assert.Contains($"predictions written: {predictions} (40 items)", output, StringComparison.Ordinal);

            var lines = File.ReadAllLines(predictions);
            Assert.Equal("id\ttrue\tpredicted\tconfidence\trunner_up\trunner_up_confidence\tunsure", lines[0]);
            Assert.Equal(41, lines.Length);
            var cells = lines.Skip(1).Select(l => l.Split('\t')).ToList();
            Assert.Equal(Enumerable.Range(0, 40).Select(i => $"T{i:000}"), cells.Select(c => c[0]));
            Assert.Equal(rows.Select(r => r.Split('\t')[2]), cells.Select(c => c[1]));
            Assert.All(cells, c =>
            {
                var confidence = double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(confidence, 0, 1);
                Assert.NotEqual(c[2], c[4]);
                Assert.Equal(confidence < ClassifierModel.UnsureBelow ? "1" : "0", c[6]);
            });
            // The file agrees with the printed accuracy.
            var accuracy = cells.Count(c => c[1] == c[2]) / 40.0;
            Assert.Equal(Number(output, "accuracy"), accuracy, 4);

            var noIds = Path.Combine(dir, "noids.tsv");
            File.WriteAllLines(noIds, ["title\tcontent\tlabel", .. rows.Take(5)]);
            Assert.Equal(0, Run("evaluate-classifier", "--train", Data("classify-train.tsv"), "--test", noIds, "--predictions", predictions).Code);
            Assert.Equal(["1", "2", "3", "4", "5"], File.ReadAllLines(predictions).Skip(1).Select(l => l.Split('\t')[0]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The repeat set built from the hand-written corpus (tools/make-written-repeats.py): 2,300
    /// originals, 400 re-sent by the same person with light edits, 100 sent to a second body at
    /// once (一信多投), 100 petitioners with a second, different matter.
    /// </summary>
    [Fact]
    public void Evaluate_duplicates_finds_the_hand_written_repeats_with_and_without_petitioner_keys()
    {
        var (code, output, error) = Run("evaluate-duplicates", "--items", Data("written-dup-items.tsv"), "--pairs", Data("written-dup-pairs.tsv"));
        Assert.True(code == 0, error);
        Assert.True(Number(output, "precision") >= 0.98, output);
        Assert.True(Number(output, "recall") >= 0.98, output);
        Assert.Contains("multi-send pairs set aside: 100", output, StringComparison.Ordinal);

        // Content alone: the user column emptied.
        var noKeys = Path.Combine(Path.GetTempPath(), $"nokeys-{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(noKeys, File.ReadAllLines(Data("written-dup-items.tsv")).Select((line, i) =>
        {
            var cells = line.Split('\t');
            if (i > 0)
            {
                cells[3] = string.Empty;
            }

            return string.Join('\t', cells);
        }));
        (code, output, error) = Run("evaluate-duplicates", "--items", noKeys, "--pairs", Data("written-dup-pairs.tsv"));
        File.Delete(noKeys);
        Assert.True(code == 0, error);
        Assert.True(Number(output, "precision") >= 0.95, output);
        Assert.True(Number(output, "recall") >= 0.95, output);
    }

    [Fact]
    public void Evaluate_duplicates_prints_precision_recall_and_lookup_time_and_writes_found_pairs()
    {
        var found = Path.Combine(Path.GetTempPath(), $"found-{Guid.NewGuid():N}.tsv");
        try
        {
            var (code, output, error) = Run("evaluate-duplicates", "--items", Data("dup-items.tsv"), "--pairs", Data("dup-pairs.tsv"), "--out", found);
            Assert.True(code == 0, error);
            Assert.True(Number(output, "precision") >= 0.95, output);
            Assert.True(Number(output, "recall") >= 0.90, output);
            Assert.Matches(@"lookup time: [0-9.]+ ms/item \(mean\)", output);
            var lines = File.ReadAllLines(found);
            Assert.Equal("id1\tid2\tsimilarity", lines[0]);
            Assert.Matches(@"^\d+\t\d+\t[01]\.\d{3}$", lines[1]);
            var truth = File.ReadAllLines(Data("dup-pairs.tsv")).Skip(1).ToHashSet();
            var correct = lines.Skip(1).Count(l => truth.Contains(string.Join('\t', l.Split('\t').Take(2))));
            Assert.Equal(Number(output, "precision"), (double)correct / (lines.Length - 1), 3);
        }
        finally
        {
            File.Delete(found);
        }
    }

    [Fact]
    public void Hotspots_prints_the_top_topics_with_member_ids()
    {
        var (code, output, error) = Run("hotspots", "--items", Data("hotspot-items.tsv"), "--top", "3");
        Assert.True(code == 0, error);
        Assert.Matches(@"^items: 150, period: \d{4}-\d{2}-\d{2} \.\. \d{4}-\d{2}-\d{2}, topics shown: 3", output);
        Assert.Matches(@"(?m)^#1 .*丽发新城.* \(\d+ items, (上升|下降|持平): first half \d+, second half \d+\)$", output);
        Assert.Matches(@"(?m)^  members: \d+( \d+)+$", output);
        Assert.Matches(@"(?m)^  keywords: .*搅拌站", output);
        Assert.DoesNotMatch(@"(?m)^#4 ", output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("evaluate-classifier --train x.tsv")]
    [InlineData("evaluate-classifier --train")]
    [InlineData("evaluate-classifier --train missing.tsv --test missing2.tsv")]
    [InlineData("hotspots --items missing.tsv")]
    [InlineData("hotspots --bogus 1")]
    public void Bad_usage_exits_with_2_and_explains(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Bad_option_values_exit_with_2()
    {
        Assert.Equal(2, Run("hotspots", "--items", Data("hotspot-items.tsv"), "--top", "zero").Code);
        Assert.Equal(2, Run("evaluate-duplicates", "--items", Data("dup-items.tsv"), "--pairs", Data("dup-pairs.tsv"), "--threshold", "2").Code);
    }

    [Fact]
    public void Unreadable_time_is_a_usage_error_not_a_crash()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(bad, ["id\ttitle\tcontent\tuser\ttime\trecipient", "1\t标题\t内容\tU1\tyesterday\tx"]);
        try
        {
            var (code, _, error) = Run("hotspots", "--items", bad);
            Assert.Equal(2, code);
            Assert.Contains("yesterday", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void Train_classifier_writes_a_loadable_model()
    {
        var model = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.bin");
        try
        {
            var (code, output, error) = Run("train-classifier", "--train", Data("classify-train.tsv"), "--out", model);
            Assert.True(code == 0, error);
            Assert.Contains("600 items, 7 classes", output, StringComparison.Ordinal);
            using var file = File.OpenRead(model);
            Assert.Equal(7, ClassifierModel.Load(file).Labels.Count);
        }
        finally
        {
            File.Delete(model);
        }
    }
}

public sealed class TsvFilesTests
{
    [Fact]
    public void Items_read_common_time_formats_bom_and_crlf()
    {
        var path = Path.Combine(Path.GetTempPath(), $"items-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "\uFEFFid\ttitle\tcontent\tuser\ttime\trecipient\r\n"
            + "1\t标题\t内容\tU1\t2019/4/25 9:32:09\t\r\n"
            + "2\t标题\t内容\t\t2019-04-25 09:32:09\tx\r\n"
            + "3\t标题\t内容\r\n");
        try
        {
            var items = TsvFiles.ReadItems(path);
            Assert.Equal(3, items.Count);
            Assert.Equal(items[0].Time, items[1].Time);
            Assert.Equal(new DateTimeOffset(2019, 4, 25, 9, 32, 9, TimeSpan.Zero), items[0].Time);
            Assert.Null(items[0].Recipient);
            Assert.Null(items[1].User);
            Assert.Equal("x", items[1].Recipient);
            Assert.Null(items[2].Time);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Columns_are_found_by_header_name_in_any_order()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labelled-{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(path, ["label\textra\ttitle\tcontent", "环境保护\t?\t噪音\t工地夜间施工"]);
        try
        {
            var row = Assert.Single(TsvFiles.ReadLabelled(path));
            Assert.Equal(new LabelledText("噪音", "工地夜间施工", "环境保护"), row);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
