using Microsoft.Extensions.Time.Testing;
using Xinfang.Text.Testing;

namespace Xinfang.Text.Tests;

/// <summary>Trains once on generated data shared by the tests of this class.</summary>
public sealed class TrainedModelFixture
{
    public TrainedModelFixture()
    {
        var corpus = new PetitionCorpus(31);
        Train = corpus.Labelled(1500);
        Test = corpus.Labelled(1500);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero));
        Model = new ContentClassifier(Clock).Train(Train);
    }

    public List<LabelledText> Train { get; }

    public List<LabelledText> Test { get; }

    public FakeTimeProvider Clock { get; }

    public ClassifierModel Model { get; }
}

public sealed class ClassifierTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    /// <summary>
    /// The held-out target on our generated corpus (7 classes, shared vocabulary, 6 % debatable
    /// items). 0.90 leaves room for the measured 0.94 to wobble with data, not for a broken model.
    /// </summary>
    [Fact]
    public void Held_out_macro_f1_reaches_the_target()
    {
        var labels = fixture.Model.Labels.ToList();
        var truth = fixture.Test.Select(t => labels.IndexOf(t.Label)).ToArray();
        var predicted = fixture.Test.Select(t => labels.IndexOf(fixture.Model.Predict(t.Title, t.Content).Label)).ToArray();
        var metrics = ClassificationMetrics.Compute(truth, predicted, labels.Count);
        Assert.True(metrics.MacroF1 >= 0.90, $"macro-F1 {metrics.MacroF1:0.0000}");
        Assert.All(metrics.PerClass, c => Assert.True(c.F1 >= 0.80, $"a class has F1 {c.F1:0.000}"));
    }

    [Fact]
    public void Labels_are_learnt_from_the_training_data()
    {
        Assert.Equal(PetitionCorpus.Classes.Order(StringComparer.Ordinal), fixture.Model.Labels);
    }

    [Fact]
    public void Suggestion_carries_a_confidence_between_zero_and_one()
    {
        var s = fixture.Model.Predict("公司拖欠农民工工资", "我们在工地干了八个月，老板一直拖欠工资，找劳动监察也没有用。");
        Assert.Equal("劳动和社会保障", s.Label);
        Assert.False(s.IsFallback);
        Assert.InRange(s.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void Save_and_load_round_trip_keeps_versions_and_predictions()
    {
        using var stream = new MemoryStream();
        fixture.Model.Save(stream);
        stream.Position = 0;
        var loaded = ClassifierModel.Load(stream);

        Assert.Equal(fixture.Model.ModelVersion, loaded.ModelVersion);
        Assert.Equal(fixture.Clock.GetUtcNow(), loaded.TrainedAt);
        Assert.Equal("20260504030201-n1500", loaded.ModelVersion);
        Assert.Equal(fixture.Model.TrainingItems, loaded.TrainingItems);
        Assert.Equal(fixture.Model.Labels, loaded.Labels);
        foreach (var t in fixture.Test.Take(100))
        {
            var a = fixture.Model.Predict(t.Title, t.Content);
            var b = loaded.Predict(t.Title, t.Content);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Confidence, b.Confidence, 5);
        }
    }

    [Fact]
    public void Load_refuses_other_files_and_other_format_versions()
    {
        Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(new MemoryStream("not a model"u8.ToArray())));

        using var stream = new MemoryStream();
        fixture.Model.Save(stream);
        var bytes = stream.ToArray();
        BitConverter.GetBytes(ClassifierModel.FormatVersion + 1).CopyTo(bytes, 4);
        Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(new MemoryStream(bytes)));
        Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(new MemoryStream(stream.ToArray()[..100])));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var small = fixture.Train.Take(300).ToList();
        var a = new ContentClassifier(fixture.Clock).Train(small);
        var b = new ContentClassifier(fixture.Clock).Train(small);
        Assert.All(fixture.Test.Take(50), t => Assert.Equal(a.Predict(t.Title, t.Content), b.Predict(t.Title, t.Content)));
    }

    [Fact]
    public void Training_needs_two_classes()
    {
        Assert.Throws<ArgumentException>(() => new ContentClassifier().Train([new("a", "b", "城乡建设"), new("c", "d", "城乡建设")]));
    }

    [Theory]
    [InlineData("老板拖欠工资", "工地老板拖欠我们农民工工资三个月。", "劳动和社会保障")]
    [InlineData("搅拌站噪音扰民", "小区旁搅拌站夜间作业，噪音和粉尘污染严重。", "环境保护")]
    [InlineData("征地拆迁补偿", "村里征地拆迁补偿款没有发放，安置房也没建。", "城乡建设")]
    [InlineData("举报村干部", "村干部贪污扶贫款，以权谋私。", "纪检监察")]
    public void Keyword_fallback_suggests_a_national_class_and_says_it_is_a_fallback(string title, string content, string expected)
    {
        var s = ContentClassifier.Suggest(null, title, content);
        Assert.Equal(expected, s.Label);
        Assert.True(s.IsFallback);
        Assert.InRange(s.Confidence, 0.01, 0.6);
    }

    [Fact]
    public void Keyword_fallback_covers_the_seventeen_national_classes_and_says_other_when_unsure()
    {
        Assert.Equal(17, KeywordFallbackClassifier.Labels.Count);
        Assert.Equal(KeywordFallbackClassifier.Other, KeywordFallbackClassifier.Predict("你好", "请问一下").Label);
    }
}

public sealed class ClassifierSpeedAndFilesTests
{
    [Fact]
    public void Model_files_are_versioned_and_the_newest_is_loaded()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"models-{Guid.NewGuid():N}");
        try
        {
            Assert.Null(ClassifierModelFiles.LoadLatest(dir));
            var data = new PetitionCorpus(3).Labelled(200);
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var first = ClassifierModelFiles.Save(dir, new ContentClassifier(clock).Train(data));
            clock.Advance(TimeSpan.FromDays(7));
            var second = ClassifierModelFiles.Save(dir, new ContentClassifier(clock).Train(data.Take(150)));
            Assert.NotEqual(first, second);
            Assert.Equal(2, Directory.GetFiles(dir).Length);
            var latest = ClassifierModelFiles.LoadLatest(dir)!;
            Assert.Equal(150, latest.TrainingItems);
            Assert.Equal(clock.GetUtcNow(), latest.TrainedAt);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }
}

/// <summary>
/// The model against the plain baseline of the issue (char 1–3-gram TF-IDF + linear SVM, C = 1) on
/// the hand-written corpus's fixed split: the model must stay clearly ahead, not merely level.
/// </summary>
public sealed class WrittenCorpusClassifierTests
{
    // Train = the tuning half, Test = the report half (docs/text.md "Measured"). Measured once on the
    // report half with the hashed production recipe (issue 15): 0.9554, baseline 0.9389 (+0.0165).
    // The bars were set before issue 15 (in-sample); a broken model (e.g. wrong buckets after a
    // change of hashing) falls far below 0.945.
    private const double MinimumModelF1 = 0.945;
    private const double MinimumLead = 0.008;

    private static double MacroF1(ClassifierModel model)
    {
        var labels = model.Labels.ToList();
        var truth = WrittenCorpus.Test.Select(t => labels.IndexOf(t.Label)).ToArray();
        var predicted = WrittenCorpus.Test.Select(t => labels.IndexOf(model.Predict(t.Title, t.Content).Label)).ToArray();
        return ClassificationMetrics.Compute(truth, predicted, labels.Count).MacroF1;
    }

    [Fact]
    public void The_corpus_has_seven_classes_and_over_a_thousand_items_per_half()
    {
        Assert.Equal(7, WrittenCorpus.Train.Select(t => t.Label).Distinct().Count());
        Assert.True(WrittenCorpus.Train.Count > 1000 && WrittenCorpus.Test.Count > 1000);
        Assert.Empty(WrittenCorpus.Train.Select(t => t.Content).Intersect(WrittenCorpus.Test.Select(t => t.Content)));
    }

    [Fact]
    public void The_model_beats_the_plain_char_ngram_baseline()
    {
        var model = MacroF1(new ContentClassifier().Train(WrittenCorpus.Train));
        var baseline = MacroF1(new ContentClassifier(options: ClassifierTrainingOptions.Baseline).Train(WrittenCorpus.Train));
        Assert.True(model >= MinimumModelF1, $"model macro-F1 {model:0.0000}");
        Assert.True(model - baseline >= MinimumLead, $"model {model:0.0000}, baseline {baseline:0.0000}");
    }
}

public sealed class NbScalingTests
{
    /// <summary>
    /// Six documents (CSR), two per class: feature 0 only in class 0, 4 only in class 1, 5 only in
    /// class 2; feature 1 in every document; 2 and 3 split evenly across classes. The telling
    /// feature is scaled most for its own class; shared features are scaled near zero.
    /// </summary>
    [Fact]
    public void A_feature_telling_of_a_class_is_scaled_above_one_shared_by_all()
    {
        int[] start = [0, 3, 6, 9, 12, 15, 18];
        int[] cols = [0, 1, 2, 0, 1, 3, 1, 2, 4, 1, 3, 4, 1, 2, 5, 1, 3, 5];
        float[] vals = [.6f, .6f, .5f, .6f, .6f, .5f, .6f, .5f, .6f, .6f, .5f, .6f, .6f, .5f, .6f, .6f, .5f, .6f];
        int[] labels = [0, 0, 1, 1, 2, 2];
        var scales = ContentClassifier.NbScales(start, cols, vals, labels, classes: 3, features: 6, strength: 1);
        Assert.True(scales[0][0] > 1, $"telling feature scale {scales[0][0]}");
        Assert.True(scales[0][0] > 10 * scales[0][1], $"telling {scales[0][0]}, shared {scales[0][1]}");
        Assert.True(scales[0][0] > 10 * scales[0][2], $"telling {scales[0][0]}, evenly split {scales[0][2]}");
        Assert.True(scales[0][0] > scales[1][0], "a feature counts most for its own class");
        Assert.True(scales[1][4] > scales[1][0] && scales[2][5] > scales[2][4]);
    }
}

/// <summary>Issue 15: hashed features, the old file format, the unsure suggestion and the national class mapping.</summary>
public sealed class HashedClassifierTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly ClassifierTrainingOptions Hashed18 = new()
    {
        Members = [new(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, Nb: 0, HashBits: 18), new(FeatureRecipe.CharsOnly, Nb: 1, HashBits: 18)],
    };

    [Fact]
    public void A_hashed_model_predicts_the_same_after_save_and_load()
    {
        var model = new ContentClassifier(fixture.Clock, options: Hashed18).Train(fixture.Train.Take(600));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ClassifierModel.Load(stream);

        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        Assert.InRange(model.FeatureCount, 1000, 1 << 19); // two members of 2^18 buckets, most in use
        foreach (var t in fixture.Test.Take(100))
        {
            Assert.Equal(model.Predict(t.Title, t.Content), loaded.Predict(t.Title, t.Content));
        }
    }

    [Fact]
    public void A_format_3_model_file_still_loads_and_predicts()
    {
        // A minimal model in the layout of format 3 (exact feature ids, no hash bits): two classes,
        // one member, one feature (the char 1-gram 水, seed BodyChars + 1 << 8) that votes for 环境保护.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("XFTC"u8.ToArray());
            w.Write(3);
            w.Write(ClassifierFeatures.Version);
            w.Write("old");
            w.Write(fixture.Clock.GetUtcNow().UtcTicks);
            w.Write(10);
            w.Write(2);
            w.Write("城乡建设");
            w.Write("环境保护");
            w.Write(1);
            w.Write(1);
            w.Write(false);
            w.Write(false);
            w.Write(false);
            w.Write(false);
            w.Write(1f);
            w.Write(0f);
            w.Write(0f);
            w.Write(1);
            w.Write(TextChars.Hash("水", 2 + (1UL << 8)));
            w.Write(1f);
            w.Write(-1f);
            w.Write(1f);
        }

        stream.Position = 0;
        var model = ClassifierModel.Load(stream);
        Assert.Equal("old", model.ModelVersion);
        Assert.Equal("环境保护", model.Predict("河水", "水").Label);
        var none = model.Predict("小区", "楼"); // no known feature: the biases tie, the first class wins at one half
        Assert.Equal("城乡建设", none.Label);
        Assert.Equal(0.5, none.Confidence, 6);
    }

    [Fact]
    public void A_newer_format_is_refused_with_a_message_that_says_retrain()
    {
        using var stream = new MemoryStream();
        fixture.Model.Save(stream);
        var bytes = stream.ToArray();
        BitConverter.GetBytes(ClassifierModel.FormatVersion + 1).CopyTo(bytes, 4);
        var e = Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(new MemoryStream(bytes)));
        Assert.Contains("Retrain", e.Message, StringComparison.Ordinal);
        BitConverter.GetBytes(ClassifierModel.OldestReadableFormat - 1).CopyTo(bytes, 4);
        Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(new MemoryStream(bytes)));
    }

    [Fact]
    public void A_suggestion_below_the_bar_is_unsure_and_offers_the_top_two()
    {
        // On the hand-written corpus (the generated one's debatable items are labelled at random, so
        // its confidence means little): the report-half items a model trained on the tuning half is
        // unsure of are right less often than the rest, and the runner-up is the true class often
        // enough that offering two classes helps the clerk (tuning half, out of fold: 0.66 vs 0.92).
        var written = new ContentClassifier(fixture.Clock).Train(WrittenCorpus.Train);
        var judged = WrittenCorpus.Test.Select(t => (Item: t, Suggestion: written.Predict(t.Title, t.Content))).ToList();
        var unsure = judged.Where(j => j.Suggestion.IsUnsure).ToList();
        var sure = judged.Where(j => !j.Suggestion.IsUnsure).ToList();
        Assert.NotEmpty(unsure);
        double RightShare(IEnumerable<(LabelledText Item, ClassSuggestion Suggestion)> js) => js.Average(j => j.Suggestion.Label == j.Item.Label ? 1.0 : 0.0);
        Assert.True(RightShare(unsure) < RightShare(sure), $"unsure right {RightShare(unsure):0.000}, sure right {RightShare(sure):0.000}");
        var topTwo = unsure.Average(j => j.Suggestion.Label == j.Item.Label || j.Suggestion.RunnerUp == j.Item.Label ? 1.0 : 0.0);
        Assert.True(topTwo > RightShare(unsure) + 0.1, $"unsure: top one right {RightShare(unsure):0.000}, top two {topTwo:0.000} ({unsure.Count} items)");

        // Every suggestion: the flag is exactly "below the bar", the runner-up is another class and no likelier.
        foreach (var t in fixture.Test.Take(300))
        {
            var s = fixture.Model.Predict(t.Title, t.Content);
            Assert.Equal(s.Confidence < ClassifierModel.UnsureBelow, s.IsUnsure);
            Assert.NotEqual(s.Label, s.RunnerUp);
            Assert.True(s.RunnerUpConfidence <= s.Confidence);
        }

        var clear = fixture.Model.Predict("公司拖欠农民工工资", "我们在工地干了八个月，老板一直拖欠工资，找劳动监察也没有用。");
        Assert.False(clear.IsUnsure);
        Assert.False(ContentClassifier.Suggest(null, "公司拖欠农民工工资", "老板拖欠工资").IsUnsure); // the fallback says it is a fallback instead
    }

    [Fact]
    public void The_corpus_classes_map_to_national_first_level_classes()
    {
        Assert.Equal(7, ContentClassMapping.CorpusClasses.Count);
        Assert.All(ContentClassMapping.CorpusClasses, c => Assert.True(ContentClassMapping.IsNational(ContentClassMapping.ToNational(c)), c));
        Assert.Equal(7, ContentClassMapping.CorpusClasses.Select(ContentClassMapping.ToNational).Distinct().Count());
        Assert.Equal("环境保护", ContentClassMapping.ToNational("生态环境"));
        Assert.Equal("卫生计生", ContentClassMapping.ToNational(" 卫生健康 "));
        Assert.Equal("国土资源", ContentClassMapping.ToNational("自然资源"));
        Assert.Equal("某地自定分类", ContentClassMapping.ToNational("某地自定分类"));
        Assert.False(ContentClassMapping.IsNational("某地自定分类"));

        // The hand-written corpus and the generator use exactly the corpus classes, so a model trained on them suggests national classes.
        Assert.Equal(ContentClassMapping.CorpusClasses.Order(StringComparer.Ordinal), WrittenCorpus.Train.Select(t => t.Label).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(ContentClassMapping.CorpusClasses.Order(StringComparer.Ordinal), PetitionCorpus.Classes.Order(StringComparer.Ordinal));
        Assert.All(ContentClassMapping.Map(WrittenCorpus.Test), t => Assert.True(ContentClassMapping.IsNational(t.Label)));
    }
}
