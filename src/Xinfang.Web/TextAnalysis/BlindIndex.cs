using System.Security.Cryptography;
using System.Text;
using Xinfang.Domain.Common;
using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Keyed hashes of a petitioner's ID number and phone (domain.md §12: searchable only through a
/// keyed hash). The key comes from <c>Xinfang:Keys:BlindIndex</c> (base64, ≥ 32 bytes); with none
/// configured a random key is created once in the data folder, as <c>SecretKeys</c> does for the
/// query code. Every app instance must share the key, or keys written by one are not found by another.
/// </summary>
public sealed class BlindIndex
{
    private readonly byte[] _key;

    public BlindIndex(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Xinfang:Keys:BlindIndex"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _key = Convert.FromBase64String(configured);
            return;
        }

        var file = Path.Combine(DataSetup.DataFolder(configuration, environment), "blind-index.key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        _key = Convert.FromBase64String(File.ReadAllText(file).Trim());
    }

    /// <summary>The keys of one person: of the ID number (trimmed, upper case) and of the phone (digits only).</summary>
    public IEnumerable<string> KeysOf(string? idNumber, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            yield return Hash("id", idNumber.Trim().ToUpperInvariant());
        }

        if (!string.IsNullOrWhiteSpace(phone) && PhoneNumber.Normalize(phone) is { Length: > 0 } digits)
        {
            yield return Hash("tel", digits);
        }
    }

    private string Hash(string kind, string value) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{kind}\n{value}")));
}
