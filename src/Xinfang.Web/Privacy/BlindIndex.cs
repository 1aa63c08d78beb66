using System.Security.Cryptography;
using System.Text;
using Xinfang.Domain.Common;

namespace Xinfang.Web.Privacy;

/// <summary>
/// The one blind-index key service (ADR 0041): keyed hashes of a petitioner's ID number and phone,
/// so they are searchable while the database holds them only encrypted (domain.md §12). Used for
/// the petitioners' index columns (<c>IdNumberIndex</c>, <c>PhoneIndex</c>, search) and for the
/// repeat check's <c>petitioner_blind_keys</c> (TextAnalysis): the same key, the same normalisation.
/// The key comes from <c>Xinfang:Keys:BlindIndex</c> (base64, ≥ 32 bytes); with none configured a
/// random key is created once in the key folder (<c>blind-index.key</c>, see <c>KeyFiles</c>), as <c>SecretKeys</c>
/// does for the query code. Every app instance must share the key.
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
            if (_key.Length < 32)
            {
                throw new InvalidOperationException("Xinfang:Keys:BlindIndex must be at least 32 bytes (base64).");
            }

            return;
        }

        _key = Security.KeyFiles.ReadOrCreate(configuration, environment, "blind-index.key");
    }

    /// <summary>The key of an ID number (trimmed, upper case, inner spaces removed), or null for none.</summary>
    public string? OfIdNumber(string? idNumber) =>
        string.IsNullOrWhiteSpace(idNumber) ? null : Hash("id", NormalizeId(idNumber));

    /// <summary>The key of a phone number (digits only, as <see cref="PhoneNumber.Normalize"/>), or null for none.</summary>
    public string? OfPhone(string? phone) =>
        !string.IsNullOrWhiteSpace(phone) && PhoneNumber.Normalize(phone) is { Length: > 0 } digits ? Hash("tel", digits) : null;

    /// <summary>The keys of one person: of the ID number and of the phone, those present.</summary>
    public IEnumerable<string> KeysOf(string? idNumber, string? phone)
    {
        if (OfIdNumber(idNumber) is { } id)
        {
            yield return id;
        }

        if (OfPhone(phone) is { } tel)
        {
            yield return tel;
        }
    }

    private static string NormalizeId(string value) => value.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private string Hash(string kind, string value) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{kind}\n{value}")));
}
