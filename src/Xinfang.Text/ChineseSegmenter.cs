using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using JiebaNet.Segmenter;

namespace Xinfang.Text;

/// <summary>
/// Chinese word segmentation with jieba and a petition-domain dictionary (信访, 拖欠工资, 征地拆迁, 物业 …).
/// Thread-safe: jieba's dictionary is process-wide and only read after the one-time load, so one
/// instance (or <see cref="Shared"/>) serves every request.
/// </summary>
/// <remarks>
/// Search: PostgreSQL has no Chinese parser and SQLite's FTS5 none either, so the application
/// segments and stores the tokens space-separated (<see cref="ForIndex"/>); the database indexes them
/// with <c>to_tsvector('simple', …)</c> + GIN or an FTS5 table, and queries use <see cref="SegmentQuery"/>.
/// Every instance of the app segments the same way, so several instances share one index.
/// </remarks>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> SharedInstance = new(() => new ChineseSegmenter());
    private static readonly object LoadLock = new();
    private static bool domainWordsLoaded;

    private readonly JiebaSegmenter jieba;

    /// <summary>The process-wide segmenter; the first use loads jieba's dictionary (about 0.5 s).</summary>
    public static ChineseSegmenter Shared => SharedInstance.Value;

    /// <summary>Creates a segmenter; the domain dictionary is added to jieba once per process.</summary>
    public ChineseSegmenter()
    {
        lock (LoadLock)
        {
            // jieba resolves "Resources" against the app base directory; say so explicitly, since a
            // host may change the current directory and tests run from elsewhere.
            var resources = Path.Combine(AppContext.BaseDirectory, "Resources");
            if (Directory.Exists(resources))
            {
                ConfigManager.ConfigFileBaseDir = resources;
            }

            jieba = new JiebaSegmenter();
            if (!domainWordsLoaded)
            {
                foreach (var (word, freq, tag) in DomainWords())
                {
                    jieba.AddWord(word, freq, tag);
                }

                domainWordsLoaded = true;
            }
        }
    }

    /// <summary>The petition-domain words shipped inside this assembly.</summary>
    public static IReadOnlyList<(string Word, int Frequency, string? Tag)> DomainWords() => DomainDictionary.Value;

    private static readonly Lazy<IReadOnlyList<(string, int, string?)>> DomainDictionary = new(LoadDomainDictionary);

    private static List<(string, int, string?)> LoadDomainDictionary()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Xinfang.Text.petition.dict.txt")
            ?? throw new InvalidOperationException("The petition dictionary resource is missing from Xinfang.Text.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<(string, int, string?)>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var freq = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            words.Add((parts[0], freq, parts.Length > 2 ? parts[2] : null));
        }

        return words;
    }

    /// <summary>
    /// Segments text into words (jieba's accurate mode), dropping whitespace and punctuation and
    /// lower-casing Latin letters. Full-width letters and digits are folded to ASCII first.
    /// </summary>
    public IReadOnlyList<string> Segment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var result = new List<string>();
        foreach (var token in jieba.Cut(Prepare(text)))
        {
            if (IsWord(token))
            {
                result.Add(token);
            }
        }

        return result;
    }

    /// <summary>All of jieba's tokens, punctuation included (it marks boundaries), whitespace dropped.</summary>
    internal IReadOnlyList<string> SegmentKeepingPunctuation(string text)
        => jieba.Cut(Prepare(text)).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();

    /// <summary>
    /// Tokens for a full-text index over title and content, space-separated: jieba's search mode,
    /// which adds the known sub-words of long words (征地拆迁 also yields 征地 and 拆迁), so a query
    /// for a part finds the whole. Store this in an FTS5 column or a <c>tsvector('simple', …)</c>.
    /// </summary>
    public string ForIndex(string? title, string? content)
    {
        var sb = new StringBuilder();
        foreach (var part in new[] { title, content })
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            foreach (var token in jieba.CutForSearch(Prepare(part)))
            {
                if (!IsWord(token))
                {
                    continue;
                }

                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(token);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The words of a search query, segmented as the index was: match items containing all of them
    /// (FTS5: the tokens joined by spaces, each quoted; PostgreSQL: <c>plainto_tsquery('simple', …)</c>).
    /// </summary>
    public IReadOnlyList<string> SegmentQuery(string? query) => Segment(query).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// HTML-encodes <paramref name="text"/> and wraps every occurrence of the query's words in
    /// <c>&lt;mark&gt;</c>. Single characters of a multi-word query are not marked (they would light
    /// up half the page); a one-character query is.
    /// </summary>
    public string Highlight(string? text, string? query)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var terms = SegmentQuery(query);
        if (terms.Count > 1)
        {
            terms = terms.Where(t => t.Length > 1).ToList();
        }

        // Mark on a case-folded copy of the same length, so offsets carry over to the original.
        var folded = text.ToLowerInvariant();
        var marked = new bool[text.Length];
        foreach (var term in terms)
        {
            var at = 0;
            while ((at = folded.IndexOf(term, at, StringComparison.Ordinal)) >= 0)
            {
                Array.Fill(marked, true, at, term.Length);
                at += term.Length;
            }
        }

        var sb = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var j = i;
            while (j < text.Length && marked[j] == marked[i])
            {
                j++;
            }

            var piece = WebUtility.HtmlEncode(text[i..j]);
            sb.Append(marked[i] ? $"<mark>{piece}</mark>" : piece);
            i = j;
        }

        return sb.ToString();
    }

    /// <summary>Full-width to ASCII and lower case, so 'ＡＢＣ１２' and 'abc12' segment alike.</summary>
    private static string Prepare(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static bool IsWord(string token)
    {
        foreach (var c in token)
        {
            if (TextChars.IsWordChar(c))
            {
                return true;
            }
        }

        return false;
    }
}
