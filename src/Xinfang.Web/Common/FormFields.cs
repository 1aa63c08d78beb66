using System.Globalization;

namespace Xinfang.Web.Common;

/// <summary>
/// Reading the string fields of the server-rendered forms (registration page, petition page's
/// action forms) into typed values. Every form field is a string, so nothing typed or forged fails
/// binding; a value that cannot be read is named in Chinese under the use case's own field name.
/// </summary>
public static class FormFields
{
    /// <summary>A checked checkbox (browsers send its value, "true"; some send "on").</summary>
    public static bool IsOn(string? checkbox) => checkbox is "true" or "on";

    /// <summary>Blank is null; anything else trimmed.</summary>
    public static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Only a name of the enum (not a number, not a flag list) is a value: anything else is named as invalid.</summary>
    public static T? Pick<T>(string? text, string field, string label, RequestErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.Ordinal))
            {
                return value;
            }
        }

        errors.Add(field, $"{label}无效");
        return null;
    }

    /// <summary>A whole number without sign or separators.</summary>
    public static int? Number(string? text, string field, string label, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        errors.Add(field, $"{label}应为整数");
        return null;
    }

    /// <summary>An id chosen from a list; <paramref name="message"/> is the whole error when it is not one.</summary>
    public static Guid? Id(string? text, string field, string message, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        errors.Add(field, message);
        return null;
    }
}
