using CsCheck;
using Xinfang.Text.Testing;

namespace Xinfang.Text.Tests;

public sealed class MinHashTests
{
    private static readonly MinHasher Hasher = new();

    [Fact]
    public void Identical_texts_have_identical_signatures_and_band_keys()
    {
        var a = Hasher.Compute("拖欠工资半年未发", "我在某建筑公司工地干了半年，老板一直拖欠工资，共计三万元。");
        var b = Hasher.Compute("拖欠工资半年未发", "我在某建筑公司工地干了半年，老板一直拖欠工资，共计三万元。");
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(Hasher.BandKeys(a), Hasher.BandKeys(b));
        Assert.Equal(1.0, a.EstimateSimilarity(b));
    }

    [Fact]
    public void Punctuation_spacing_and_greetings_do_not_change_the_signature()
    {
        var a = Hasher.Compute("拖欠工资", "我在某建筑公司工地干了半年，老板一直拖欠工资。");
        var b = Hasher.Compute("拖欠工资", "领导您好！我在某建筑公司工地干了半年 老板一直拖欠工资！！");
        Assert.Equal(a.Values, b.Values);
    }

    [Fact]
    public void Signature_is_deterministic_and_self_similar_for_any_text()
    {
        Gen.String[Gen.Char['\u4e00', '\u4fff'], 1, 200].Sample(text =>
        {
            var a = Hasher.Compute(null, text);
            var b = new MinHasher().Compute(null, text);
            return a.Values.SequenceEqual(b.Values) && a.EstimateSimilarity(b) == 1.0 && Hasher.BandKeys(a).Length == Hasher.Bands;
        }, iter: 200);
    }

    [Fact]
    public void Lightly_edited_repeats_share_a_band_and_pass_the_threshold()
    {
        var corpus = new PetitionCorpus(99);
        var misses = 0;
        const int trials = 300;
        for (var i = 0; i < trials; i++)
        {
            var p = corpus.Next(PetitionCorpus.Classes[i % 7], 0);
            var (title, content) = corpus.Edit(p.Title, p.Content);
            var a = Hasher.Compute(p.Title, p.Content);
            var b = Hasher.Compute(title, content);
            var shareBand = Hasher.BandKeys(a).Intersect(Hasher.BandKeys(b)).Any();
            if (!shareBand || a.EstimateSimilarity(b) < new RepeatOptions().SimilarityThreshold)
            {
                misses++;
            }
        }

        Assert.True(misses <= trials * 0.05, $"{misses} of {trials} edited repeats missed");
    }

    [Fact]
    public void Unrelated_texts_rarely_collide()
    {
        // Fixed seeds: generated petitions of different matters share templates and openings,
        // which is harder than truly random text.
        var corpus = new PetitionCorpus(12345);
        var texts = Enumerable.Range(0, 400).Select(i => corpus.Next(PetitionCorpus.Classes[i % 7], 0)).ToList();
        var sigs = texts.Select(t => Hasher.Compute(t.Title, t.Content)).ToList();
        var keys = sigs.Select(s => Hasher.BandKeys(s).ToHashSet()).ToList();
        int pairs = 0, bandCollisions = 0, overThreshold = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                if (texts[i].Content == texts[j].Content)
                {
                    continue;
                }

                pairs++;
                if (keys[i].Overlaps(keys[j]))
                {
                    bandCollisions++;
                }

                if (sigs[i].EstimateSimilarity(sigs[j]) >= 0.5)
                {
                    overThreshold++;
                }
            }
        }

        Assert.True(bandCollisions < pairs * 0.01, $"{bandCollisions} band collisions among {pairs} unrelated pairs");
        Assert.True(overThreshold < pairs * 0.002, $"{overThreshold} unrelated pairs over the threshold among {pairs}");
    }

    [Fact]
    public void Estimate_tracks_the_exact_jaccard_similarity()
    {
        var corpus = new PetitionCorpus(5);
        var errors = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var p = corpus.Next(PetitionCorpus.Classes[i % 7], 0);
            var (t, c) = corpus.Edit(p.Title, p.Content);
            var exact = Jaccard(Shingles(MinHasher.Normalize(p.Title, p.Content)), Shingles(MinHasher.Normalize(t, c)));
            var estimate = Hasher.Compute(p.Title, p.Content).EstimateSimilarity(Hasher.Compute(t, c));
            errors.Add(Math.Abs(exact - estimate));
        }

        // 64 hashes: standard error at most 0.0625; allow about three of them at the 95th percentile.
        errors.Sort();
        Assert.True(errors[(int)(errors.Count * 0.95)] < 0.19, $"95th percentile error {errors[(int)(errors.Count * 0.95)]:0.000}");
    }

    private static HashSet<string> Shingles(string s) => Enumerable.Range(0, Math.Max(0, s.Length - 2)).Select(i => s.Substring(i, 3)).ToHashSet();

    private static double Jaccard(HashSet<string> a, HashSet<string> b) => (double)a.Intersect(b).Count() / a.Union(b).Count();

    [Fact]
    public void Empty_text_matches_nothing()
    {
        var empty = Hasher.Compute("！！", "。。。");
        Assert.True(empty.IsEmpty);
        Assert.Empty(Hasher.BandKeys(empty));
        var index = new NearDuplicateIndex();
        index.Add(new RepeatMeta("1"), "！", "");
        Assert.Empty(index.FindCandidates(new RepeatMeta("2"), "。", ""));
    }
}
