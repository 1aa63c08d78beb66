using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Documents;

/// <summary>The last 文号 sequence of one body, year and kind code (西信转〔2026〕15号: 西信 + 转, 2026, 15).</summary>
public sealed class DocumentNumberCounter
{
    public Guid OrganizationId { get; set; }

    public int Year { get; set; }

    public string KindCode { get; set; } = string.Empty;

    public int Last { get; set; }
}

/// <summary>The 文号 a document was given when first issued; every re-print shows the same.</summary>
public sealed class IssuedDocumentNumber
{
    /// <summary>The document's own id: a petition document's, or a 督办 notice's.</summary>
    public Guid DocumentId { get; set; }

    public Guid PetitionId { get; set; }

    public Guid OrganizationId { get; set; }

    public int Year { get; set; }

    public string KindCode { get; set; } = string.Empty;

    public int Sequence { get; set; }

    public string Number { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>The 机关代字 a body's 文号 begin with, set by an administrator (else derived from its name, <see cref="DocumentNumbers.DefaultPrefix"/>).</summary>
public sealed class DocumentNumberPrefix
{
    public const int MaxLength = 8;

    public Guid OrganizationId { get; set; }

    public string Prefix { get; set; } = string.Empty;

    public string ChangedBy { get; set; } = string.Empty;

    public DateTimeOffset ChangedAt { get; set; }

    internal static void Configure(ModelBuilder builder)
    {
        builder.Entity<DocumentNumberCounter>(c =>
        {
            c.ToTable("document_number_counters");
            c.HasKey(x => new { x.OrganizationId, x.Year, x.KindCode });
            c.Property(x => x.KindCode).HasMaxLength(4);
        });
        builder.Entity<IssuedDocumentNumber>(n =>
        {
            n.ToTable("issued_document_numbers");
            n.HasKey(x => x.DocumentId);
            n.Property(x => x.KindCode).HasMaxLength(4);
            n.Property(x => x.Number).HasMaxLength(40);
            // One sequence is never given twice (the counter's row lock makes it so; the index proves it).
            n.HasIndex(x => new { x.OrganizationId, x.Year, x.KindCode, x.Sequence }).IsUnique();
            n.HasIndex(x => x.PetitionId);
        });
        builder.Entity<DocumentNumberPrefix>(p =>
        {
            p.ToTable("document_number_prefixes");
            p.HasKey(x => x.OrganizationId);
            p.Property(x => x.Prefix).HasMaxLength(MaxLength);
            p.Property(x => x.ChangedBy).HasMaxLength(100);
        });
    }
}

/// <summary>
/// 发文字号 (GB/T 9704 §7.2.4: 机关代字、年份、发文顺序号, the year in 六角括号 〔〕, no leading zeros):
/// <c>{机关代字}{kind code}〔{year}〕{n}号</c>, counted per issuing body, year and kind. A document gets its
/// number the first time it is issued as a PDF — by staff or by the petitioner — and keeps it: the
/// number is stored against the document's id. The counter row is taken with an UPDATE inside a
/// transaction, which holds the row lock (PostgreSQL) or the database's write lock (SQLite) until the
/// number is stored, so parallel issues never share a number; a parallel first issue of the same
/// document loses on the primary key and reads the winner's number.
/// </summary>
public sealed class DocumentNumbers(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<string?> FindAsync(Guid documentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<IssuedDocumentNumber>().AsNoTracking().Where(n => n.DocumentId == documentId).Select(n => n.Number).SingleOrDefaultAsync(ct);
    }

    /// <summary>The document's 文号, assigned now if it has none.</summary>
    public async Task<string> NumberAsync(Guid documentId, Guid petitionId, Guid organizationId, string organizationName, int year, string kindCode, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A context of its own: the number is committed whatever the caller's request does next.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var existing = await db.Set<IssuedDocumentNumber>().AsNoTracking().Where(n => n.DocumentId == documentId).Select(n => n.Number).SingleOrDefaultAsync(ct);
            if (existing is not null)
            {
                return existing;
            }

            var prefix = await db.Set<DocumentNumberPrefix>().AsNoTracking().Where(p => p.OrganizationId == organizationId).Select(p => p.Prefix).SingleOrDefaultAsync(ct)
                ?? DefaultPrefix(organizationName);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var updated = await db.Set<DocumentNumberCounter>()
                    .Where(c => c.OrganizationId == organizationId && c.Year == year && c.KindCode == kindCode)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
                if (updated == 0)
                {
                    // The year's first number of this kind; a parallel first loses on the key and retries.
                    db.Add(new DocumentNumberCounter { OrganizationId = organizationId, Year = year, KindCode = kindCode, Last = 1 });
                    await db.SaveChangesAsync(ct);
                }

                var sequence = await db.Set<DocumentNumberCounter>().AsNoTracking()
                    .Where(c => c.OrganizationId == organizationId && c.Year == year && c.KindCode == kindCode)
                    .Select(c => c.Last).SingleAsync(ct);
                var number = Format(prefix, kindCode, year, sequence);
                db.Add(new IssuedDocumentNumber
                {
                    DocumentId = documentId, PetitionId = petitionId, OrganizationId = organizationId, Year = year,
                    KindCode = kindCode, Sequence = sequence, Number = number, IssuedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return number;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Lost a race: the counter's first row, or the same document issued in parallel. Start again.
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.InnerException is DbUpdateException)
            {
            }
        }
    }

    public static string Format(string prefix, string kindCode, int year, int sequence) => $"{prefix}{kindCode}〔{year}〕{sequence}号";

    /// <summary>
    /// The default 机关代字: the first character of the body's place and of its own name after the
    /// last administrative unit — 西湖区信访局 → 西信, 杭州市住房和城乡建设局 → 杭住, 浙江省信访局 → 浙信.
    /// </summary>
    public static string DefaultPrefix(string organizationName)
    {
        var name = organizationName.Trim();
        // Place segments from the start: one to three characters and an administrative unit (杭州|市, 西湖|区,
        // 北山|街道). Three at most, so 住房和城|乡 is no place; a name without any keeps its first two characters.
        string[] units = ["自治区", "自治州", "街道", "省", "市", "区", "县", "旗", "盟", "镇", "乡"];
        int at = 0, last = -1;
        while (true)
        {
            var next = -1;
            for (var length = 1; length <= 3 && next < 0; length++)
            {
                foreach (var unit in units)
                {
                    if (at + length + unit.Length < name.Length && string.CompareOrdinal(name, at + length, unit, 0, unit.Length) == 0)
                    {
                        next = at + length + unit.Length;
                        break;
                    }
                }
            }

            if (next < 0)
            {
                break;
            }

            last = at;
            at = next;
        }

        return last < 0 ? (name.Length >= 2 ? name[..2] : name) : $"{name[last]}{name[at]}";
    }
}
