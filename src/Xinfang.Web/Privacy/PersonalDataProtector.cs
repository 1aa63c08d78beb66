using System.Security.Cryptography;
using System.Text;

namespace Xinfang.Web.Privacy;

/// <summary>
/// Encrypts petitioners' ID numbers, phones and addresses at rest (domain.md §12, ADR 0040):
/// AES-256-GCM, a fresh 12-byte nonce per value, the column's purpose and the key id as associated
/// data (a value copied into another column or relabelled with another key id fails to decrypt).
/// Stored as <c>{keyId}:{base64(nonce ‖ tag ‖ ciphertext)}</c>.
/// <para>
/// Keys: <c>Xinfang:Keys:PersonalData:Current</c> names the key new values are written with;
/// <c>Xinfang:Keys:PersonalData:Keys:{id}</c> holds each key (base64, 32 bytes). Old keys stay
/// configured until <c>privacy reencrypt</c> has moved every value to the current key. Without any
/// configuration (development) one random key with id <c>dev</c> is created in the key folder
/// (<c>personal-data.key</c>).
/// </para>
/// </summary>
public sealed class PersonalDataProtector
{
    public const string ConfigSection = "Xinfang:Keys:PersonalData";
    public const string DevKeyId = "dev";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;

    public PersonalDataProtector(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(ConfigSection);
        var configured = section.GetSection("Keys").GetChildren().Where(k => !string.IsNullOrWhiteSpace(k.Value)).ToList();
        if (configured.Count == 0 && string.IsNullOrWhiteSpace(section["Current"]))
        {
            _keys = new(StringComparer.Ordinal) { [DevKeyId] = Security.KeyFiles.ReadOrCreate(configuration, environment, "personal-data.key") };
            CurrentKeyId = DevKeyId;
            return;
        }

        _keys = new(StringComparer.Ordinal);
        foreach (var k in configured)
        {
            if (!IsValidKeyId(k.Key))
            {
                throw new InvalidOperationException($"{ConfigSection}:Keys: key id '{k.Key}' must be 1–16 letters, digits, '-' or '_'.");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(k.Value!.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{ConfigSection}:Keys:{k.Key} is not base64.");
            }

            if (bytes.Length != 32)
            {
                throw new InvalidOperationException($"{ConfigSection}:Keys:{k.Key} must be 32 bytes (AES-256), it is {bytes.Length}.");
            }

            _keys[k.Key] = bytes;
        }

        CurrentKeyId = section["Current"] is { Length: > 0 } current
            ? current.Trim()
            : throw new InvalidOperationException($"{ConfigSection}:Current must name the key new values are encrypted with.");
        if (!_keys.ContainsKey(CurrentKeyId))
        {
            throw new InvalidOperationException($"{ConfigSection}:Current is '{CurrentKeyId}' but {ConfigSection}:Keys:{CurrentKeyId} is not configured.");
        }
    }

    /// <summary>The key id new values are written with.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The ids of every key that can decrypt.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public string Protect(string plaintext, string purpose)
    {
        var key = _keys[CurrentKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Aad(purpose, CurrentKeyId));
        }

        return CurrentKeyId + ":" + Convert.ToBase64String(blob);
    }

    public string Unprotect(string stored, string purpose)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        var keyId = colon > 0 ? stored[..colon] : null;
        if (keyId is null || !IsValidKeyId(keyId))
        {
            throw new CryptographicException($"A stored {purpose} is not in the encrypted format (keyId:base64).");
        }

        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"A stored {purpose} is encrypted with key '{keyId}', which is not configured ({ConfigSection}:Keys:{keyId}).");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[(colon + 1)..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException($"A stored {purpose} is damaged (not base64).", e);
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"A stored {purpose} is damaged (too short).");
        }

        var plain = new byte[blob.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, Aad(purpose, keyId));
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// Files (attachments) with the same keys: <c>{keyId}:</c> in ASCII, then nonce ‖ tag ‖ ciphertext;
    /// <paramref name="purpose"/> (e.g. the attachment's id) is bound in as associated data.
    /// </summary>
    public byte[] ProtectBytes(ReadOnlySpan<byte> plain, string purpose)
    {
        var key = _keys[CurrentKeyId];
        var prefix = Encoding.ASCII.GetBytes(CurrentKeyId + ":");
        var blob = new byte[prefix.Length + NonceSize + TagSize + plain.Length];
        prefix.CopyTo(blob, 0);
        var nonce = blob.AsSpan(prefix.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, blob.AsSpan(prefix.Length + NonceSize + TagSize), blob.AsSpan(prefix.Length + NonceSize, TagSize), Aad(purpose, CurrentKeyId));
        }

        return blob;
    }

    public byte[] UnprotectBytes(byte[] stored, string purpose)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var keyId = KeyIdOf(stored) ?? throw new CryptographicException($"A stored {purpose} is not in the encrypted format (keyId:bytes).");
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"A stored {purpose} is encrypted with key '{keyId}', which is not configured ({ConfigSection}:Keys:{keyId}).");
        }

        var start = keyId.Length + 1;
        if (stored.Length < start + NonceSize + TagSize)
        {
            throw new CryptographicException($"A stored {purpose} is damaged (too short).");
        }

        var plain = new byte[stored.Length - start - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(stored.AsSpan(start, NonceSize), stored.AsSpan(start + NonceSize + TagSize), stored.AsSpan(start + NonceSize, TagSize), plain, Aad(purpose, keyId));
        }

        return plain;
    }

    /// <summary>The key id a stored file was written with (null if it is not in the encrypted format).</summary>
    public static string? KeyIdOf(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var colon = Array.IndexOf(stored, (byte)':', 0, Math.Min(stored.Length, 17));
        if (colon <= 0)
        {
            return null;
        }

        var id = Encoding.ASCII.GetString(stored, 0, colon);
        return IsValidKeyId(id) ? id : null;
    }

    /// <summary>The key id a stored value was written with (null if it is not in the encrypted format).</summary>
    public static string? KeyIdOf(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && IsValidKeyId(stored[..colon]) ? stored[..colon] : null;
    }

    private static byte[] Aad(string purpose, string keyId) => Encoding.UTF8.GetBytes($"xinfang-personal-data-v1\n{purpose}\n{keyId}");

    private static bool IsValidKeyId(string id) =>
        id.Length is >= 1 and <= 16 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
