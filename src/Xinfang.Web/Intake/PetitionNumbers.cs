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

    /// <summary>Takes the next number inside the caller's transaction; the row lock serialises registrars.</summary>
    public async Task<string> NextAsync(Organization organization, int year, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.PetitionNumberCounters
                .Where(c => c.OrganizationId == organization.Id && c.Year == year)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + 1), ct);
            if (updated == 0)
            {
                try
                {
                    db.PetitionNumberCounters.Add(new PetitionNumberCounter { OrganizationId = organization.Id, Year = year, Next = 1 });
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Another registrar created the year's counter first: take the update path.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            var next = await db.PetitionNumberCounters.AsNoTracking()
                .Where(c => c.OrganizationId == organization.Id && c.Year == year)
                .Select(c => c.Next).SingleAsync(ct);
            return $"{organization.Code}-{year}-{next:D6}";
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
