using System.Text.RegularExpressions;

namespace Xinfang.Domain.Common;

/// <summary>
/// ID numbers and mobile phones typed into free text (title, content, notes, documents): the one
/// place that finds them. An ID number is 18 characters that pass the GB 11643 check
/// (<see cref="ChineseIdNumber.IsValid"/>); a mobile is 1[3-9] and nine more digits (spaces or
/// hyphens between the groups, an optional +86), neither inside a longer run of digits or letters.
/// Staff views show them masked like the petitioner's own fields (domain.md §12) to roles that may
/// not reveal personal data; the full-text index never stores them (<see cref="Remove"/>).
/// </summary>
public static partial class PersonalDataInText
{
    /// <summary>Each ID number and mobile masked as on the petitioner's card: 330102********1234, 139****5678.</summary>
    public static string Mask(string? text) => Replace(text, ChineseIdNumber.Mask, PhoneNumber.Mask);

    /// <summary>Each ID number and mobile replaced by a space (for the search index: nothing of them is kept).</summary>
    public static string Remove(string? text) => Replace(text, _ => " ", _ => " ");

    /// <summary>Whether the text holds an ID number or a mobile.</summary>
    public static bool Contains(string? text) => !string.Equals(Remove(text), text ?? string.Empty, StringComparison.Ordinal);

    private static string Replace(string? text, Func<string, string> id, Func<string, string> phone)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var withoutIds = IdCandidate().Replace(text, m => ChineseIdNumber.IsValid(m.Value.ToUpperInvariant()) ? id(m.Value.ToUpperInvariant()) : m.Value);
        return Mobile().Replace(withoutIds, m => phone(m.Groups["number"].Value));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdCandidate();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:(?:\+|00)?86[- ]?)?(?<number>1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mobile();
}
