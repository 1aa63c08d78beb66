namespace Xinfang.Text;

/// <summary>
/// What the repeat check knows about an item besides its text. <paramref name="PetitionerKey"/> is an
/// opaque key (the blind index of the ID number or phone, never the number itself).
/// </summary>
/// <param name="Id">The item's id or number.</param>
/// <param name="PetitionerKey">Opaque petitioner key, or null when anonymous or unknown.</param>
/// <param name="ReceivedAt">When the item was received, or null when unknown.</param>
/// <param name="Recipient">The organisation it was sent to, or null when unknown.</param>
public sealed record RepeatMeta(string Id, string? PetitionerKey = null, DateTimeOffset? ReceivedAt = null, string? Recipient = null);

/// <summary>Settings of the repeat check (defaults are the evaluated ones).</summary>
public sealed record RepeatOptions
{
    /// <summary>Estimated Jaccard similarity (char 3-shingles) from which content counts as the same matter.</summary>
    public double SimilarityThreshold { get; init; } = 0.5;

    /// <summary>
    /// The bar when the petitioner key says it is the same person: only "same matter?" is left to
    /// decide, and a short message re-sent with a new plea or a few changed characters falls below
    /// 0.5 (hand-written repeat set: recall 0.980 at 0.5, 1.000 at 0.35, no false pair from the
    /// 100 petitioners who sent two different matters, even at 0.25).
    /// </summary>
    public double SamePetitionerThreshold { get; init; } = 0.35;

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
public sealed record RepeatCandidate(string Id, double Similarity, RepeatReason Reasons, RepeatVerdict Verdict)
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
    /// (outside the window, or neither the same petitioner nor similar enough).
    /// </summary>
    public static RepeatCandidate? Judge(RepeatMeta earlier, RepeatMeta later, double similarity, RepeatOptions options)
    {
        if (earlier.ReceivedAt is { } e && later.ReceivedAt is { } l && (l - e).Duration() > TimeSpan.FromDays(options.WindowDays))
        {
            return null;
        }

        var samePetitioner = earlier.PetitionerKey is not null && later.PetitionerKey is not null
            && string.Equals(earlier.PetitionerKey, later.PetitionerKey, StringComparison.Ordinal);
        var otherPetitioner = earlier.PetitionerKey is not null && later.PetitionerKey is not null && !samePetitioner;
        var similar = similarity >= (samePetitioner ? Math.Min(options.SamePetitionerThreshold, options.SimilarityThreshold) : options.SimilarityThreshold);
        var reasons = (samePetitioner ? RepeatReason.SamePetitioner : RepeatReason.None) | (similar ? RepeatReason.SimilarContent : RepeatReason.None);

        if (!similar)
        {
            return samePetitioner ? new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.SamePetitionerOtherMatter) : null;
        }

        if (otherPetitioner)
        {
            // The same words from another person is a similar case, not that person's repeat.
            return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.OtherPetitioner);
        }

        // 一信多投: same letter, different recipients, sent together (within the interval).
        if (earlier.Recipient is not null && later.Recipient is not null
            && !string.Equals(earlier.Recipient, later.Recipient, StringComparison.Ordinal)
            && earlier.ReceivedAt is { } et && later.ReceivedAt is { } lt
            && (lt - et).Duration() <= options.MultiSendInterval)
        {
            return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.MultiSend);
        }

        return new RepeatCandidate(earlier.Id, similarity, reasons, RepeatVerdict.Repeat);
    }
}

/// <summary>
/// In-memory near-duplicate index: MinHash signatures with LSH banding, plus a petitioner-key map.
/// A lookup reads only the items sharing a band key or the petitioner key, never the whole store.
/// Used by the evaluation commands and the benchmark; a host with a database stores
/// <see cref="MinHasher.BandKeys"/> in an indexed table instead and applies <see cref="RepeatRules"/>.
/// Thread-safe (one lock; lookups take microseconds).
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly object gate = new();
    private readonly List<RepeatMeta> metas = [];
    private readonly List<uint[]> signatures = [];
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
    public void Add(RepeatMeta meta, string? title, string? content) => Add(meta, Hasher.Compute(title, content));

    /// <summary>Stores an item with a precomputed signature.</summary>
    public void Add(RepeatMeta meta, TextSignature signature)
    {
        var keys = Hasher.BandKeys(signature);
        lock (gate)
        {
            var item = metas.Count;
            metas.Add(meta);
            signatures.Add(signature.Values);
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
        => FindCandidates(meta, Hasher.Compute(title, content));

    /// <summary>As <see cref="FindCandidates(RepeatMeta, string?, string?)"/>, with a precomputed signature.</summary>
    public IReadOnlyList<RepeatCandidate> FindCandidates(RepeatMeta meta, TextSignature signature)
    {
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
            if (RepeatRules.Judge(metas[item], meta, similarity, Options) is { } candidate)
            {
                result.Add(candidate);
            }
        }
    }
}
