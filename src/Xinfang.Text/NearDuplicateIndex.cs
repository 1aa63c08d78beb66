namespace Xinfang.Text;

/// <summary>
/// What the repeat check knows about an item besides its text. <paramref name="PetitionerKey"/> is an
/// opaque key (the blind index of the ID number or phone, never the number itself).
/// </summary>
/// <param name="Id">The item's id or number.</param>
/// <param name="PetitionerKey">Opaque petitioner key, or null when anonymous or unknown.</param>
/// <param name="ReceivedAt">When the item was received, or null when unknown.</param>
/// <param name="Recipient">The organisation it was sent to (the body addressed), or null when unknown.</param>
/// <param name="Place">The 问题属地 code (6, 9 or 12 digits), or null when unknown; one code within the other counts as the same place.</param>
public sealed record RepeatMeta(string Id, string? PetitionerKey = null, DateTimeOffset? ReceivedAt = null, string? Recipient = null, string? Place = null);

/// <summary>Settings of the repeat check (defaults are the evaluated ones).</summary>
public sealed record RepeatOptions
{
    /// <summary>Estimated Jaccard similarity (char 3-shingles) from which content counts as the same matter.</summary>
    public double SimilarityThreshold { get; init; } = 0.5;

    /// <summary>
    /// The lower similarity bar for an earlier item of the same petitioner: a short message re-sent
    /// with a new plea, or a letter re-worded, falls below <see cref="SimilarityThreshold"/>. The
    /// petitioner key only makes such a pair eligible; it becomes a repeat only with content evidence
    /// of the same matter (<see cref="SameMatterTermOverlap"/>, <see cref="MinSharedTerms"/>) and not
    /// a different 问题属地. Chosen on the tuning pair set (docs/text.md "Repeats"): 0, i.e. for the same
    /// petitioner the shared terms decide, since a re-worded letter shares few character shingles.
    /// </summary>
    public double SamePetitionerThreshold { get; init; }

    /// <summary>
    /// Content evidence of the same matter for a same-petitioner pair: share of the smaller text's
    /// distinctive terms (<see cref="RepeatTerms"/>) the other text also uses. Chosen on the tuning pair set.
    /// </summary>
    public double SameMatterTermOverlap { get; init; } = 0.25;

    /// <summary>At least this many distinctive terms shared for a same-petitioner pair to be the same matter.</summary>
    public int MinSharedTerms { get; init; } = 4;

    /// <summary>Only earlier items received within this many days are candidates.</summary>
    public int WindowDays { get; init; } = 1095;

    /// <summary>一信多投: the same letter to different recipients within this interval is one sending, not a repeat.</summary>
    public TimeSpan MultiSendInterval { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Chains longer than this in one LSH bucket are cut (newest kept): guards against boilerplate-only texts.</summary>
    public int MaxBucketScan { get; init; } = 5000;
}

/// <summary>Why an earlier item was offered.</summary>
[Flags]
public enum RepeatReason
{
    /// <summary>No reason (not used in results).</summary>
    None = 0,

    /// <summary>Same petitioner key.</summary>
    SamePetitioner = 1,

    /// <summary>Near-duplicate content.</summary>
    SimilarContent = 2,

    /// <summary>The texts share the matter's distinctive terms (places, parties, the matter's own words).</summary>
    SharedTerms = 4,
}

/// <summary>What the rules make of an earlier item; only <see cref="Repeat"/> suggests a 重件 link.</summary>
public enum RepeatVerdict
{
    /// <summary>Same matter raised again: suggest linking the new item as 重件 of the earlier one.</summary>
    Repeat,

    /// <summary>一信多投: the same letter sent to several bodies at once; not a repeat.</summary>
    MultiSend,

    /// <summary>Similar content from a different petitioner: a 类案 (similar case), not a repeat.</summary>
    OtherPetitioner,

    /// <summary>An earlier item of the same petitioner about something else; shown for context only.</summary>
    SamePetitionerOtherMatter,
}

/// <summary>An earlier item offered to the registrar at registration.</summary>
/// <param name="Id">The earlier item's id.</param>
/// <param name="Similarity">Estimated content similarity (0..1).</param>
/// <param name="Reasons">Why it was offered.</param>
/// <param name="Verdict">What the rules make of it.</param>
/// <param name="Explanation">Why: shared terms, similarity, same petitioner/place/body (for the officer).</param>
public sealed record RepeatCandidate(string Id, double Similarity, RepeatReason Reasons, RepeatVerdict Verdict, RepeatExplanation Explanation)
{
    /// <summary>True when the rules suggest a 重件 link; the registrar confirms.</summary>
    public bool IsLikelyRepeat => Verdict == RepeatVerdict.Repeat;
}

/// <summary>
/// The repeat rules as a pure function, so a host that finds candidates in its database (by band key
/// or petitioner key) judges them exactly as the in-memory index does. Links matters only; it never
/// scores people (domain.md §12).
/// </summary>
public static class RepeatRules
{
    /// <summary>
    /// Judges an earlier item against a new one, or returns null when it is no candidate at all
    /// (outside the window, or neither the same petitioner nor similar enough). Without the texts'
    /// terms there is no content evidence beyond the similarity, so the same petitioner alone never
    /// lowers the bar.
    /// </summary>
    public static RepeatCandidate? Judge(RepeatMeta earlier, RepeatMeta later, double similarity, RepeatOptions options)
        => Judge(earlier, later, similarity, options, null, null);

    /// <summary>
    /// Judges an earlier item against a new one with content evidence: the distinctive terms of both
    /// texts. "Same matter" is decided from the content — the similarity above
    /// <see cref="RepeatOptions.SimilarityThreshold"/>, or, for the same petitioner, a lower similarity
    /// together with the matter's shared terms and no different 问题属地. The petitioner key is
    /// evidence that makes the lower bar eligible, never a licence: a petitioner with two matters is
    /// not a repeat.
    /// </summary>
    public static RepeatCandidate? Judge(RepeatMeta earlier, RepeatMeta later, double similarity, RepeatOptions options, RepeatTerms? earlierTerms, RepeatTerms? laterTerms)
    {
        if (earlier.ReceivedAt is { } e && later.ReceivedAt is { } l && (l - e).Duration() > TimeSpan.FromDays(options.WindowDays))
        {
            return null;
        }

        var samePetitioner = earlier.PetitionerKey is not null && later.PetitionerKey is not null
            && string.Equals(earlier.PetitionerKey, later.PetitionerKey, StringComparison.Ordinal);
        var otherPetitioner = earlier.PetitionerKey is not null && later.PetitionerKey is not null && !samePetitioner;
        var explanation = RepeatExplanation.Of(earlier, later, similarity, earlierTerms, laterTerms);
        // Content evidence of the same matter: the matter's weighted terms shared (a text with fewer
        // distinctive terms than MinSharedTerms must share all it has). Without terms, only the similarity speaks.
        var smallerTerms = earlierTerms is null || laterTerms is null ? 0 : Math.Min(earlierTerms.Words.Count, laterTerms.Words.Count);
        var sharedMatterTerms = smallerTerms > 0
            && explanation.TermOverlap >= options.SameMatterTermOverlap
            && explanation.SharedTermCount >= Math.Min(options.MinSharedTerms, smallerTerms);
        var similarContent = similarity >= options.SimilarityThreshold;

        // Anyone (or anyone unknown): similar enough text. The same petitioner: the petitioner key is
        // evidence, not a licence — it lowers the similarity bar only together with the matter's shared
        // terms and no different 问题属地, and it does not excuse an otherwise similar text that shares
        // only the petitioner's self-introduction and signature (their two matters are not one).
        var similar = samePetitioner
            ? smallerTerms == 0
                ? similarContent
                : sharedMatterTerms && explanation.SamePlace != false
                    && similarity >= Math.Min(options.SamePetitionerThreshold, options.SimilarityThreshold)
            : similarContent;
        var reasons = (samePetitioner ? RepeatReason.SamePetitioner : RepeatReason.None)
            | (similarContent ? RepeatReason.SimilarContent : RepeatReason.None)
            | (sharedMatterTerms ? RepeatReason.SharedTerms : RepeatReason.None);

        if (!similar)
        {
            return samePetitioner ? new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.SamePetitionerOtherMatter, explanation) : null;
        }

        if (otherPetitioner)
        {
            // The same words from another person is a similar case, not that person's repeat.
            return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.OtherPetitioner, explanation);
        }

        // 一信多投: same letter, different recipients, sent together (within the interval).
        if (earlier.Recipient is not null && later.Recipient is not null
            && !string.Equals(earlier.Recipient, later.Recipient, StringComparison.Ordinal)
            && earlier.ReceivedAt is { } et && later.ReceivedAt is { } lt
            && (lt - et).Duration() <= options.MultiSendInterval)
        {
            return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.MultiSend, explanation);
        }

        return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.Repeat, explanation);
    }
}

/// <summary>
/// In-memory near-duplicate index: MinHash signatures with LSH banding, plus a petitioner-key map.
/// A lookup reads only the items sharing a band key or the petitioner key, never the whole store.
/// Used by the evaluation commands and the benchmark; a host with a database stores
/// <see cref="MinHasher.BandKeys"/> in an indexed table instead and applies <see cref="RepeatRules"/>.
/// Thread-safe (one lock; a lookup takes microseconds, or about a millisecond when it segments candidates' texts for term evidence).
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly object gate = new();
    private readonly List<RepeatMeta> metas = [];
    private readonly List<uint[]> signatures = [];
    private readonly List<(string? Title, string? Content)> texts = [];
    private readonly Dictionary<int, RepeatTerms> terms = [];
    private readonly Dictionary<ulong, int> bucketHeads = [];
    private readonly List<int> nextInBucket = [];
    private readonly Dictionary<string, List<int>> byPetitioner = new(StringComparer.Ordinal);

    /// <summary>Creates an empty index.</summary>
    public NearDuplicateIndex(RepeatOptions? options = null, MinHasher? hasher = null)
    {
        Options = options ?? new RepeatOptions();
        Hasher = hasher ?? new MinHasher();
    }

    /// <summary>The rules' settings.</summary>
    public RepeatOptions Options { get; }

    /// <summary>The signature maker.</summary>
    public MinHasher Hasher { get; }

    /// <summary>Items stored.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return metas.Count;
            }
        }
    }

    /// <summary>Stores an item (after its registration).</summary>
    public void Add(RepeatMeta meta, string? title, string? content) => Add(meta, Hasher.Compute(title, content), title, content);

    /// <summary>
    /// Stores an item with a precomputed signature. Without its text (null title and content) the
    /// item has no terms, so it can be a repeat only by similarity above the content bar.
    /// </summary>
    public void Add(RepeatMeta meta, TextSignature signature, string? title = null, string? content = null)
    {
        var keys = Hasher.BandKeys(signature);
        lock (gate)
        {
            var item = metas.Count;
            metas.Add(meta);
            signatures.Add(signature.Values);
            texts.Add((title, content));
            for (var b = 0; b < Hasher.Bands; b++)
            {
                // Entry (item, band) lives at item*Bands+b; chains run newest first.
                if (keys.Length == 0)
                {
                    nextInBucket.Add(-1);
                    continue;
                }

                nextInBucket.Add(bucketHeads.TryGetValue(keys[b], out var head) ? head : -1);
                bucketHeads[keys[b]] = (item * Hasher.Bands) + b;
            }

            if (meta.PetitionerKey is not null)
            {
                if (!byPetitioner.TryGetValue(meta.PetitionerKey, out var list))
                {
                    byPetitioner[meta.PetitionerKey] = list = [];
                }

                list.Add(item);
            }
        }
    }

    /// <summary>
    /// Earlier items to offer at registration of a new one, most similar first: near-duplicates by
    /// content and the same petitioner's items, each judged by <see cref="RepeatRules"/>.
    /// </summary>
    public IReadOnlyList<RepeatCandidate> FindCandidates(RepeatMeta meta, string? title, string? content)
        => FindCandidates(meta, Hasher.Compute(title, content), title, content);

    /// <summary>
    /// As <see cref="FindCandidates(RepeatMeta, string?, string?)"/>, with a precomputed signature; without
    /// the text there is no term evidence (the same petitioner then needs the content bar).
    /// </summary>
    public IReadOnlyList<RepeatCandidate> FindCandidates(RepeatMeta meta, TextSignature signature, string? title = null, string? content = null)
    {
        RepeatTerms? laterTerms = null;
        var keys = Hasher.BandKeys(signature);
        var result = new List<RepeatCandidate>();
        var seen = new HashSet<int>();
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (!bucketHeads.TryGetValue(key, out var entry))
                {
                    continue;
                }

                for (var scanned = 0; entry >= 0 && scanned < Options.MaxBucketScan; scanned++, entry = nextInBucket[entry])
                {
                    Consider(entry / Hasher.Bands);
                }
            }

            if (meta.PetitionerKey is not null && byPetitioner.TryGetValue(meta.PetitionerKey, out var own))
            {
                foreach (var item in own)
                {
                    Consider(item);
                }
            }
        }

        result.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        return result;

        void Consider(int item)
        {
            if (!seen.Add(item) || string.Equals(metas[item].Id, meta.Id, StringComparison.Ordinal))
            {
                return;
            }

            var similarity = signature.IsEmpty ? 0 : MinHasher.Similarity(signatures[item], signature.Values);
            var earlier = metas[item];
            var samePetitioner = earlier.PetitionerKey is not null && string.Equals(earlier.PetitionerKey, meta.PetitionerKey, StringComparison.Ordinal);
            RepeatTerms? earlierTerms = null;
            // Terms (a jieba pass) only where they can matter: the same petitioner's items and content near-duplicates.
            if ((samePetitioner || similarity >= Options.SimilarityThreshold) && (title is not null || content is not null) && (texts[item].Title is not null || texts[item].Content is not null))
            {
                laterTerms ??= RepeatTerms.Of(title, content);
                if (!terms.TryGetValue(item, out earlierTerms))
                {
                    terms[item] = earlierTerms = RepeatTerms.Of(texts[item].Title, texts[item].Content);
                }
            }

            if (RepeatRules.Judge(earlier, meta, similarity, Options, earlierTerms, laterTerms) is { } candidate)
            {
                result.Add(candidate);
            }
        }
    }
}
