using System.Diagnostics;
using System.Globalization;

namespace Xinfang.Text;

/// <summary>
/// The text commands, run by the Web host as <c>dotnet run --project src/Xinfang.Web -- text …</c>:
/// evaluate-classifier, train-classifier, evaluate-duplicates, hotspots. Never throws: usage errors
/// return 2, failures 1, success 0.
/// </summary>
public static class TextCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: text <command> [options]
          evaluate-classifier --train TRAIN.tsv --test TEST.tsv [--model-out MODEL.bin] [--features hashed|words+chars|chars|baseline] [--predictions OUT.tsv]
          train-classifier    --train TRAIN.tsv --out MODEL.bin
          evaluate-duplicates --items ITEMS.tsv --pairs PAIRS.tsv [--out FOUND.tsv] [--threshold 0.5] [--window-days 1095]
                              [--same-petitioner-threshold 0.1] [--term-overlap 0.5] [--min-shared-terms 3]
          hotspots            --items ITEMS.tsv [--top 10]
        TSV formats: shared/design/text-eval-format.md (header row; title, content, label / id, title, content, user, time, recipient).
        """;

    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Commands = new(StringComparer.Ordinal)
    {
        ["evaluate-classifier"] = (["--train", "--test"], ["--model-out", "--features", "--predictions"]),
        ["train-classifier"] = (["--train", "--out"], []),
        ["evaluate-duplicates"] = (["--items", "--pairs"], ["--out", "--threshold", "--window-days", "--same-petitioner-threshold", "--term-overlap", "--min-shared-terms"]),
        ["hotspots"] = (["--items"], ["--top"]),
    };

    /// <summary>Runs a command; <paramref name="args"/> start after the word <c>text</c>.</summary>
    /// <returns>0 on success, 1 on a failure while running, 2 on bad usage or a missing file.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var spec))
        {
            error.WriteLine($"error: unknown command '{args[0]}'.");
            error.WriteLine(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (!spec.Required.Contains(name) && !spec.Optional.Contains(name))
            {
                error.WriteLine($"error: unknown option '{name}' for {args[0]}.");
                error.WriteLine(Usage);
                return 2;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error.WriteLine($"error: option {name} needs a value.");
                return 2;
            }

            options[name] = args[++i];
        }

        foreach (var required in spec.Required)
        {
            if (!options.ContainsKey(required))
            {
                error.WriteLine($"error: {args[0]} needs {required}.");
                error.WriteLine(Usage);
                return 2;
            }
        }

        foreach (var input in new[] { "--train", "--test", "--items", "--pairs" })
        {
            if (options.TryGetValue(input, out var path) && !File.Exists(path))
            {
                error.WriteLine($"error: file not found: {path}");
                return 2;
            }
        }

        try
        {
            return args[0] switch
            {
                "evaluate-classifier" => EvaluateClassifier(options, output, error, time ?? TimeProvider.System),
                "train-classifier" => TrainClassifier(options, output, error, time ?? TimeProvider.System),
                "evaluate-duplicates" => EvaluateDuplicates(options, output, error),
                _ => Hotspots(options, output, error),
            };
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e)
        {
            // Boundary of a command: report, never crash the host with a stack trace.
            error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static string F(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Ms(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static int EvaluateClassifier(Dictionary<string, string> o, TextWriter output, TextWriter error, TimeProvider time)
    {
        // Labels of outside corpora become national 内容分类 names (ContentClassMapping, domain.md §11).
        var train = ContentClassMapping.Map(TsvFiles.ReadLabelled(o["--train"]));
        var testRows = ContentClassMapping.Map(TsvFiles.ReadLabelled(o["--test"])).Zip(RowIds(o["--test"])).Where(t => t.First.Label.Length > 0).ToList();
        var test = testRows.Select(t => t.First).ToList();
        if (test.Count == 0)
        {
            error.WriteLine("error: the test file has no labelled rows.");
            return 2;
        }

        var options = new ClassifierTrainingOptions();
        if (o.TryGetValue("--features", out var f))
        {
            // Other recipes trained the same way, to measure what each part adds on the operator's data.
            options = f switch
            {
                "hashed" => options,
                "words+chars" => new ClassifierTrainingOptions { Members = ClassifierTrainingOptions.LegacyMembers },
                "chars" => new ClassifierTrainingOptions { Members = [.. ClassifierTrainingOptions.LegacyMembers.Where(m => !m.Features.Words)] },
                "baseline" => ClassifierTrainingOptions.Baseline,
                _ => throw new ArgumentException("--features must be hashed, words+chars, chars or baseline."),
            };
        }

        _ = ChineseSegmenter.Shared.Segment("预热"); // load jieba before timing: the load is start-up, not training
        var sw = Stopwatch.StartNew();
        var model = new ContentClassifier(time, options: options).Train(train);
        var trainSeconds = sw.Elapsed.TotalSeconds;
        var labels = model.Labels.Concat(test.Select(t => t.Label)).Distinct(StringComparer.Ordinal).ToList();
        var (m, perItem) = Measure(model, test, labels);
        output.WriteLine($"train items: {train.Count} ({model.Labels.Count} classes), test items: {test.Count}");
        output.WriteLine($"model: {model.ModelVersion}, features: {model.FeatureCount} ({o.GetValueOrDefault("--features", "hashed")})");
        output.WriteLine($"training time: {trainSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        output.WriteLine($"prediction time: {Ms(perItem.Average())} ms/item (mean), {Ms(perItem[(int)(0.95 * (perItem.Length - 1))])} ms (p95)");
        output.WriteLine($"accuracy: {F(m.Accuracy)}");
        output.WriteLine($"macro-F1: {F(m.MacroF1)}");
        output.WriteLine();
        output.WriteLine("class\tprecision\trecall\tF1\tsupport");
        for (var c = 0; c < labels.Count; c++)
        {
            var s = m.PerClass[c];
            output.WriteLine($"{labels[c]}\t{F(s.Precision)}\t{F(s.Recall)}\t{F(s.F1)}\t{s.Support}");
        }

        output.WriteLine();
        output.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
        output.WriteLine("true\\predicted\t" + string.Join('\t', labels));
        for (var r = 0; r < labels.Count; r++)
        {
            output.WriteLine(labels[r] + "\t" + string.Join('\t', Enumerable.Range(0, labels.Count).Select(c => m.Confusion[r, c])));
        }

        if (options.ModelVersion != "baseline")
        {
            // The bar the model must clear, measured on the same split: plain char 1–3-gram TF-IDF + linear SVM, C = 1.
            var baseline = new ContentClassifier(time, options: ClassifierTrainingOptions.Baseline).Train(train);
            var (bm, _) = Measure(baseline, test, labels);
            output.WriteLine();
            output.WriteLine($"baseline (char 1-3-gram TF-IDF + linear SVM, C=1): accuracy {F(bm.Accuracy)}, macro-F1 {F(bm.MacroF1)}");
            output.WriteLine($"model minus baseline: macro-F1 {(m.MacroF1 - bm.MacroF1 >= 0 ? "+" : string.Empty)}{F(m.MacroF1 - bm.MacroF1)}");
        }

        if (o.TryGetValue("--model-out", out var path))
        {
            using var file = File.Create(path);
            model.Save(file);
            output.WriteLine($"model written: {path}");
        }

        if (o.TryGetValue("--predictions", out var predictionsPath))
        {
            // One row per test item, for error analysis: what it was, what the model said, how sure, and the runner-up.
            using var writer = new StreamWriter(predictionsPath, append: false, new System.Text.UTF8Encoding(false));
            writer.WriteLine("id	true	predicted	confidence	runner_up	runner_up_confidence	unsure");
            foreach (var (item, id) in testRows)
            {
                var s = model.Predict(item.Title, item.Content);
                writer.WriteLine(string.Join('	', id, item.Label, s.Label, F(s.Confidence), s.RunnerUp ?? string.Empty, F(s.RunnerUpConfidence), s.IsUnsure ? "1" : "0"));
            }

            output.WriteLine($"predictions written: {predictionsPath} ({testRows.Count} items)");
        }

        return 0;
    }

    /// <summary>The id of each non-blank data row of a labelled TSV: its <c>id</c> column, else its row number (1 = first data row).</summary>
    private static List<string> RowIds(string path)
    {
        var lines = File.ReadLines(path, System.Text.Encoding.UTF8).ToList();
        var header = lines.Count == 0 ? [] : lines[0].TrimStart('\uFEFF').Split('\t').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var idColumn = Array.IndexOf(header, "id");
        var ids = new List<string>();
        foreach (var line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            var cells = line.Split('\t');
            ids.Add(idColumn >= 0 && idColumn < cells.Length ? cells[idColumn].Trim() : (ids.Count + 1).ToString(CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static (ClassificationMetrics Metrics, double[] SortedMs) Measure(ClassifierModel model, List<LabelledText> test, List<string> labels)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var truth = new int[test.Count];
        var predicted = new int[test.Count];
        var perItem = new double[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var s = model.Predict(test[i].Title, test[i].Content);
            perItem[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            truth[i] = index[test[i].Label];
            predicted[i] = index[s.Label];
        }

        Array.Sort(perItem);
        return (ClassificationMetrics.Compute(truth, predicted, labels.Count), perItem);
    }

    private static int TrainClassifier(Dictionary<string, string> o, TextWriter output, TextWriter error, TimeProvider time)
    {
        var train = ContentClassMapping.Map(TsvFiles.ReadLabelled(o["--train"]));
        if (train.Count < ContentClassifier.MinimumTrainingItems)
        {
            error.WriteLine($"error: {train.Count} labelled items; training needs at least {ContentClassifier.MinimumTrainingItems} (below that the keyword fallback serves).");
            return 2;
        }

        var sw = Stopwatch.StartNew();
        var model = new ContentClassifier(time).Train(train);
        using (var file = File.Create(o["--out"]))
        {
            model.Save(file);
        }

        output.WriteLine($"model {model.ModelVersion}: {train.Count} items, {model.Labels.Count} classes, {model.FeatureCount} features, {sw.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s -> {o["--out"]}");
        return 0;
    }

    private static int EvaluateDuplicates(Dictionary<string, string> o, TextWriter output, TextWriter error)
    {
        var options = new RepeatOptions();
        if (o.TryGetValue("--threshold", out var th))
        {
            if (!double.TryParse(th, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t <= 0 || t > 1)
            {
                error.WriteLine("error: --threshold must be a number in (0, 1].");
                return 2;
            }

            options = options with { SimilarityThreshold = t };
        }

        if (o.TryGetValue("--same-petitioner-threshold", out var spt))
        {
            if (!double.TryParse(spt, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t < 0 || t > 1)
            {
                error.WriteLine("error: --same-petitioner-threshold must be a number in [0, 1].");
                return 2;
            }

            options = options with { SamePetitionerThreshold = t };
        }

        if (o.TryGetValue("--term-overlap", out var tov))
        {
            if (!double.TryParse(tov, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t < 0 || t > 1)
            {
                error.WriteLine("error: --term-overlap must be a number in [0, 1].");
                return 2;
            }

            options = options with { SameMatterTermOverlap = t };
        }

        if (o.TryGetValue("--min-shared-terms", out var mst))
        {
            if (!int.TryParse(mst, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0 || n > 100)
            {
                error.WriteLine("error: --min-shared-terms must be a whole number from 0 to 100.");
                return 2;
            }

            options = options with { MinSharedTerms = n };
        }

        if (o.TryGetValue("--window-days", out var wd))
        {
            if (!int.TryParse(wd, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) || days < 1)
            {
                error.WriteLine("error: --window-days must be a positive whole number.");
                return 2;
            }

            options = options with { WindowDays = days };
        }

        var items = TsvFiles.ReadItems(o["--items"]);
        var truth = TsvFiles.ReadPairs(o["--pairs"]).Select(p => Key(p.A, p.B)).ToHashSet();
        var index = new NearDuplicateIndex(options);
        var found = new List<(string Earlier, string Later, double Similarity)>();
        var multiSends = 0;
        var times = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var meta = new RepeatMeta(item.Id, item.User, item.Time, item.Recipient);
            var start = Stopwatch.GetTimestamp();
            var candidates = index.FindCandidates(meta, item.Title, item.Content);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            foreach (var c in candidates)
            {
                if (c.IsLikelyRepeat)
                {
                    found.Add((c.Id, item.Id, c.Similarity));
                }
                else if (c.Verdict == RepeatVerdict.MultiSend)
                {
                    multiSends++;
                }
            }

            index.Add(meta, item.Title, item.Content);
        }

        var foundKeys = found.Select(f => Key(f.Earlier, f.Later)).ToHashSet();
        var tp = foundKeys.Count(truth.Contains);
        var precision = foundKeys.Count == 0 ? 1 : (double)tp / foundKeys.Count;
        var recall = truth.Count == 0 ? 1 : (double)tp / truth.Count;
        output.WriteLine($"items: {items.Count}, true pairs: {truth.Count}, found pairs: {foundKeys.Count}, correct: {tp}");
        output.WriteLine($"threshold: {options.SimilarityThreshold.ToString("0.00", CultureInfo.InvariantCulture)} (same petitioner: {Math.Min(options.SamePetitionerThreshold, options.SimilarityThreshold).ToString("0.00", CultureInfo.InvariantCulture)} with term overlap >= {options.SameMatterTermOverlap.ToString("0.00", CultureInfo.InvariantCulture)} and >= {options.MinSharedTerms} shared terms), window: {options.WindowDays} days, multi-send interval: {options.MultiSendInterval.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        output.WriteLine($"precision: {F(precision)}");
        output.WriteLine($"recall: {F(recall)}");
        output.WriteLine($"multi-send pairs set aside: {multiSends}");
        output.WriteLine($"lookup time: {Ms(times.Length == 0 ? 0 : times.Average())} ms/item (mean), {Ms(times.Length == 0 ? 0 : times.Max())} ms (max), {items.Count} items stored");
        if (o.TryGetValue("--out", out var outPath))
        {
            using var w = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false));
            w.WriteLine("id1\tid2\tsimilarity");
            foreach (var (a, b, s) in found)
            {
                w.WriteLine($"{a}\t{b}\t{s.ToString("0.000", CultureInfo.InvariantCulture)}");
            }

            output.WriteLine($"found pairs written: {outPath}");
        }

        return 0;
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private static int Hotspots(Dictionary<string, string> o, TextWriter output, TextWriter error)
    {
        var top = 10;
        if (o.TryGetValue("--top", out var t) && (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out top) || top < 1))
        {
            error.WriteLine("error: --top must be a positive whole number.");
            return 2;
        }

        var items = TsvFiles.ReadItems(o["--items"]);
        var topics = new HotspotFinder().Find(items.Select(i => new HotspotItem(i.Id, i.Title, i.Content, i.Time, i.Recipient)), top);
        var times = items.Where(i => i.Time is not null).Select(i => i.Time!.Value).ToList();
        var period = times.Count == 0 ? "unknown" : $"{times.Min():yyyy-MM-dd} .. {times.Max():yyyy-MM-dd}";
        output.WriteLine($"items: {items.Count}, period: {period}, topics shown: {topics.Count}");
        for (var i = 0; i < topics.Count; i++)
        {
            var h = topics[i];
            output.WriteLine();
            output.WriteLine($"#{i + 1} {h.Label} ({h.Count} items, {h.Trend}: first half {h.FirstHalf}, second half {h.SecondHalf})");
            output.WriteLine($"  keywords: {string.Join(", ", h.Keywords)}");
            output.WriteLine($"  places: {(h.Places.Count == 0 ? "-" : string.Join(", ", h.Places))}");
            output.WriteLine($"  weeks: {(h.Weeks.Count == 0 ? "-" : string.Join(' ', h.Weeks.Select(w => $"{HotspotFinder.FormatWeek(w.WeekStart)}:{w.Count}")))}");
            output.WriteLine($"  members: {string.Join(' ', h.MemberIds)}");
        }

        return 0;
    }
}
