using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Xinfang.Web.Intake;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// The online petition's challenge (ADR 0071): a small sum in Chinese words (「二十三加六等于几？」),
/// answered in digits. It needs no JavaScript, no image and no outside service, and a screen reader
/// reads it like any text. The token carries a random nonce and the expiry, and an HMAC over them and
/// the answer — never the answer itself — so the server keeps nothing until a token is used.
/// A token is good once: answering it (right or wrong) uses it up in the idempotency store, so one
/// token cannot be tried with every answer. It is a speed bump for scripts, not a wall; the per-client
/// rate limit is what bounds a determined sender (docs/security.md).
/// </summary>
public sealed class SubmissionChallenge(SecretKeys keys, TimeProvider clock, IdempotencyKeys once)
{
    /// <summary>How long a question may be answered: long enough to write a petition.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const string OnceScope = "submission-challenge";

    public const string Wrong = "验证问题回答不正确，请回答新的问题";
    public const string Expired = "验证问题已过期，请回答新的问题";
    public const string Used = "该验证问题已使用过，请回答新的问题";
    public const string Missing = "请回答验证问题";

    /// <summary>A question, the token that goes with it, and until when it may be answered.</summary>
    public sealed record Challenge(string Token, string Question, DateTimeOffset ExpiresAt);

    // Derived from the query-code key (HKDF with its own label), so no new key file is needed and the
    // HMAC cannot be confused with a query-code hash.
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.QueryCodeKey, 32, info: "xinfang/submission-challenge/v1"u8.ToArray());

    public Challenge New()
    {
        var a = RandomNumberGenerator.GetInt32(11, 50);
        var b = RandomNumberGenerator.GetInt32(2, 10);
        var plus = RandomNumberGenerator.GetInt32(2) == 0;
        var answer = plus ? a + b : a - b;
        var expires = clock.GetUtcNow() + Lifetime;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var payload = $"{nonce}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        var token = payload + "." + Sign(payload, answer);
        return new Challenge(token, $"{Words(a)}{(plus ? "加" : "减")}{Words(b)}等于几？", expires);
    }

    /// <summary>Null when <paramref name="answer"/> is right for an unexpired token (nothing is used up); else the reason, in Chinese.</summary>
    public string? Check(string? token, string? answer)
    {
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(answer))
        {
            return Missing;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length != 24 || !parts[0].All(char.IsAsciiHexDigit)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix > 4_102_444_800)
        {
            return Wrong;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(unix) <= clock.GetUtcNow())
        {
            return Expired;
        }

        var typed = answer.Trim();
        if (typed.Length > 4 || !int.TryParse(typed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return Wrong;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1], n));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])) ? null : Wrong;
    }

    /// <summary>
    /// Uses the token up (across instances: the idempotency store, kept 24 hours, longer than <see cref="Lifetime"/>).
    /// False when it was used before — a replay.
    /// </summary>
    public async Task<bool> UseAsync(string token, CancellationToken ct)
    {
        var nonce = token.Split('.')[0];
        if (nonce.Length is 0 or > Idempotency.MaxKeyLength)
        {
            return false;
        }

        var claim = await once.ClaimAsync(OnceScope, nonce, "used", ct);
        if (claim.Outcome != ClaimOutcome.Claimed)
        {
            return false;
        }

        // Completed at once: an in-flight claim would be taken over after its lock ran out, and a used token must stay used.
        await once.CompleteAsync(new IdempotencyFeature(OnceScope, nonce), StatusCodes.Status204NoContent, null, null, string.Empty, ct);
        return true;
    }

    private string Sign(string payload, int answer) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload + "=" + answer.ToString(CultureInfo.InvariantCulture))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>1–99 in Chinese words: 六, 十二, 二十三.</summary>
    internal static string Words(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            < 20 => "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? string.Empty : digits[n % 10].ToString()),
        };
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/challenge", (SubmissionChallenge c) =>
            {
                var challenge = c.New();
                return TypedResults.Ok(new ChallengeView(challenge.Token, challenge.Question, challenge.ExpiresAt));
            })
            .WithSummary("网上信访验证问题：用汉字写的加减法，答案填阿拉伯数字；一次有效，30分钟内作答").Produces<ChallengeView>();

    /// <summary>What the API gives: the token to send back with the answer, the question, and its expiry.</summary>
    public sealed record ChallengeView(string Token, string Question, DateTimeOffset ExpiresAt);
}
