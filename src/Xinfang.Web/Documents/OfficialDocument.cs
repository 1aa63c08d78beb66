using System.Text;

namespace Xinfang.Web.Documents;

/// <summary>
/// One official document as GB/T 9704 lays it out: 发文机关标志 (<paramref name="IssuingBody"/>), 发文字号
/// (<paramref name="Number"/>), 标题, 主送 (<paramref name="Addressee"/>), 正文 — <paramref name="Fields"/>
/// (label：value lines such as the item's number and matter) then <paramref name="Paragraphs"/> —,
/// 落款 (<paramref name="SigningBody"/>, <paramref name="Date"/>, the seal over both) and 附注 (<paramref name="Note"/>).
/// </summary>
public sealed record OfficialDocument(
    string IssuingBody,
    string Number,
    string Title,
    string? Addressee,
    IReadOnlyList<(string Label, string Value)> Fields,
    IReadOnlyList<string> Paragraphs,
    string SigningBody,
    DateOnly Date,
    string? Note)
{
    /// <summary>The file name offered for download: title, 文号.</summary>
    public string FileName => $"{Title}-{Number}.pdf";
}

/// <summary>Dates as official documents write them.</summary>
public static class OfficialDate
{
    private const string Digits = "〇一二三四五六七八九";

    /// <summary>二〇二六年十二月六日: the year digit by digit, month and day as numbers (GB/T 9704-1999 style).</summary>
    public static string Chinese(DateOnly d) => $"{string.Concat(d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => Digits[c - '0']))}年{Number(d.Month)}月{Number(d.Day)}日";

    /// <summary>2026年12月6日: GB/T 9704-2012 §7.3.5.1 (阿拉伯数字, 年份标全, 月日不编虚位).</summary>
    public static string Arabic(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static string Number(int n)
    {
        var s = new StringBuilder();
        if (n >= 20)
        {
            s.Append(Digits[n / 10]);
        }

        if (n >= 10)
        {
            s.Append('十');
        }

        if (n % 10 != 0 || n < 10)
        {
            s.Append(Digits[n % 10]);
        }

        return s.ToString();
    }
}
