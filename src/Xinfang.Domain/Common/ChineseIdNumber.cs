namespace Xinfang.Domain.Common;

/// <summary>居民身份证号码 (GB 11643-1999): 17 digits and a check character computed by ISO 7064 MOD 11-2.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            sum += (value[i] - '0') * Weights[i];
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return false;
        }

        return char.ToUpperInvariant(value[17]) == CheckCharacters[sum % 11];
    }

    /// <summary>The check character for 17 leading digits (used by tests and demo data).</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Shows the region code and the last four only: 330102********1234 (domain.md §12).</summary>
    public static string Mask(string value) =>
        value.Length < 10 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4));
}

/// <summary>Phone numbers: mainland mobiles (1[3-9]xxxxxxxxx) and landlines with area code (0xx-xxxxxxx[x]).</summary>
public static class PhoneNumber
{
    public static string Normalize(string value) => new(value.Where(c => char.IsAsciiDigit(c)).ToArray());

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => !(char.IsAsciiDigit(c) || c is '-' or ' ' or '+')))
        {
            return false;
        }

        var digits = Normalize(value);
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            digits = digits[2..];
        }

        return (digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9')
            || (digits.Length is >= 10 and <= 12 && digits[0] == '0');
    }

    public static string Mask(string value)
    {
        var digits = Normalize(value);
        return digits.Length < 7 ? new string('*', digits.Length) : string.Concat(digits.AsSpan(0, 3), new string('*', digits.Length - 7), digits.AsSpan(digits.Length - 4));
    }
}
