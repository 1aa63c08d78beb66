using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;

namespace Xinfang.Web.Intake;

/// <summary>
/// 信访件编号 and 查询码. The number is readable and unique per registering organisation and year
/// (the organisation's own code, not only its division's, so two bodies of one county never collide).
/// The query code is random, shown to the petitioner once, and stored only as a keyed hash.
/// </summary>
public sealed class PetitionNumbers(AppDbContext db, SecretKeys keys)
{
    // No 0/O, 1/I/L: codes are read over the phone and copied from paper.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int QueryCodeLength = 10;

    /// <summary>
    /// Takes the next number in one statement of its own (ADR 0156): <c>UPDATE … RETURNING</c> outside the item's
    /// transaction, so the counter row is locked for that statement only, not while the item, its text index and its
    /// figures are written. Numbers stay unique; a registration that fails after this leaves its number unused
    /// (domain.md §3 asks unique and readable, not gap-free). The year's first registration creates the row.
    /// </summary>
    public async Task<string> NextAsync(Organization organization, int year, CancellationToken ct)
    {
        while (true)
        {
            var taken = await db.Database.SqlQuery<int>(
                $"""UPDATE petition_number_counters SET "Next" = "Next" + 1 WHERE "OrganizationId" = {organization.Id} AND "Year" = {year} RETURNING "Next" AS "Value" """)
                .ToListAsync(ct);
            if (taken.Count == 1)
            {
                return $"{organization.Code}-{year}-{taken[0]:D6}";
            }

            // The year's first registration here: the row, once, whoever comes first (not through SaveChanges, which
            // would commit an Idempotency-Key apart from its item), then the update above takes number 1.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO petition_number_counters ("OrganizationId", "Year", "Next") VALUES ({organization.Id}, {year}, 0) ON CONFLICT DO NOTHING""", ct);
        }
    }

    public static string NewQueryCode()
    {
        Span<char> code = stackalloc char[QueryCodeLength];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(code);
    }

    public string HashQueryCode(string number, string code)
    {
        var mac = HMACSHA256.HashData(keys.QueryCodeKey, Encoding.UTF8.GetBytes($"{number}\n{code.Trim().ToUpperInvariant()}"));
        return Convert.ToHexString(mac);
    }

    public bool Matches(string number, string code, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashQueryCode(number, code)), Encoding.ASCII.GetBytes(storedHash));
}

/// <summary>
/// Secret keys from configuration (Xinfang:Keys:QueryCode, base64). On a development machine with
/// none configured, a random key is created once in the key folder (<c>Xinfang:KeyFolder</c>; the data folder in Development) so restarts keep working.
/// </summary>
public sealed class SecretKeys
{
    public SecretKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Xinfang:Keys:QueryCode"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            QueryCodeKey = Convert.FromBase64String(configured);
            return;
        }

        QueryCodeKey = Security.KeyFiles.ReadOrCreate(configuration, environment, "query-code.key"); // 0600, outside the data in Production
    }

    public byte[] QueryCodeKey { get; }
}
