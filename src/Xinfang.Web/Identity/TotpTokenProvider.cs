using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Xinfang.Web.Identity;

/// <summary>
/// The authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) with the key Identity
/// keeps (<see cref="UserManager{TUser}.GetAuthenticatorKeyAsync"/>), as Identity's own
/// AuthenticatorTokenProvider does, with two differences (ADR 0053): time comes from
/// <see cref="TimeProvider"/> (the fake clock drives it in tests, like every other clock of the app),
/// and a code is accepted once only — a code seen over a shoulder or replayed within its window is refused.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string Name = "XinfangAuthenticator";

    private const string LoginProvider = "[XinfangTotp]";
    private const string LastStepToken = "LastAcceptedStep";

    /// <summary>Steps of tolerance each side of now, for phone clocks a little off.</summary>
    private const int Drift = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the staff member's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        token = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (token.Length != 6 || !token.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var secret = Base32.Decode(key);
        var now = Step(clock.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken), CultureInfo.InvariantCulture, out var l) ? l : -1;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
                return true;
            }
        }

        return false;
    }

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    /// <summary>RFC 4226 HOTP of one step, six digits.</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; its use as a MAC here is not weak.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}

/// <summary>RFC 4648 base32, the alphabet of authenticator keys.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        var clean = text.Trim().TrimEnd('=').Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                throw new FormatException("not base32");
            }

            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
