using System.Globalization;
using Xinfang.Web.Common;

namespace Xinfang.Web.Campaigns;

/// <summary>The <c>/campaigns</c> pages' form reading: every field a string from the posted form, read here into requests (bad text never fails binding).</summary>
internal static class CampaignForms
{
    public static string? Field(IFormCollection form, string name) => FormFields.Trimmed(form[name].ToString());

    /// <summary>A <c>type=date</c> value (yyyy-MM-dd); a bad one is named in <paramref name="errors"/>.</summary>
    public static DateOnly? Day(IFormCollection form, string name, string label, RequestErrors errors)
    {
        var text = Field(form, name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(name, $"{label}格式应为 年-月-日");
        return null;
    }

    public static T? Pick<T>(IFormCollection form, string name, string label, RequestErrors errors)
        where T : struct, Enum => FormFields.Pick<T>(Field(form, name), name, label, errors);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
