using System.Globalization;

namespace Xinfang.Text;

/// <summary>Character tests shared by the text components (why: one definition of "a word character").</summary>
internal static class TextChars
{
    /// <summary>True for letters and digits of any script, CJK ideographs included.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    /// <summary>True for a CJK unified ideograph (the basic block and extension A).</summary>
    public static bool IsHan(char c) => (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF');

    /// <summary>
    /// NFKC (full-width letters and digits become ASCII), lower case, and keep only word characters.
    /// Used where only the content matters, not its punctuation or layout.
    /// </summary>
    public static string Compact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = text.Normalize(System.Text.NormalizationForm.FormKC);
        var sb = new System.Text.StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (IsWordChar(c))
            {
                sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>64-bit FNV-1a over a span of characters, seeded, so feature hashing needs no strings.</summary>
    public static ulong Hash(ReadOnlySpan<char> span, ulong seed)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in span)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return Mix(h);
    }

    /// <summary>SplitMix64 finaliser: spreads FNV's weak low bits before hashes are compared or banded.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
