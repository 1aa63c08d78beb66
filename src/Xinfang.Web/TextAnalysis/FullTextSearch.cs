using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Text;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// 全文检索 over title and content, only among items related to the caller's organisation (the
/// scope of <c>SearchPetitions</c>). The index lives in the database (<c>petition_text</c>: FTS5 on
/// SQLite, a GIN-indexed tsvector on PostgreSQL), so every app instance sees the same results.
/// Titles and snippets come back HTML-encoded with the query's words in <c>&lt;mark&gt;</c>.
/// </summary>
public sealed class FullTextSearch(ReadDatabase read, PetitionGuard guard, IConfiguration configuration)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 100;
    public const int MaxPage = 500;
    public const int SnippetLength = 120;

    public sealed record Hit(Guid Id, string Number, string TitleHtml, string SnippetHtml, string State, string StateName, DateTimeOffset RegisteredAt);

    /// <summary>
    /// How far a search counts its hits (setting <c>Xinfang:Search:CountCap</c>, 1–100,000): past it, <c>Total</c> is the cap
    /// and <c>TotalCapped</c> says 「以上」. A word found in most items (处理, 反映) would otherwise count millions of rows on
    /// every page at ten million items (issue 16, bench/RESULTS.md "Scale").
    /// </summary>
    public const int DefaultCountCap = 1000;

    private readonly int countCap = Math.Clamp(configuration.GetValue("Xinfang:Search:CountCap", DefaultCountCap), 1, 100_000);

    /// <summary>A page of hits. <paramref name="Total"/> stops at the count cap (<paramref name="TotalCapped"/>); <paramref name="HasNext"/> is read, not counted.</summary>
    public sealed record Response(string Query, IReadOnlyList<string> Words, int Page, int PageSize, int Total, bool TotalCapped, bool HasNext, IReadOnlyList<Hit> Items);

    public async Task<IResult> HandleAsync(string? q, string? page, CancellationToken ct)
    {
        var (errors, response) = await SearchAsync(q, page, ct);
        return errors is not null ? errors.Problem() : TypedResults.Ok(response);
    }

    /// <summary>The search itself, shared by the API and the /search page: errors (400) or a page of hits.</summary>
    public async Task<(RequestErrors? Errors, Response? Result)> SearchAsync(string? q, string? page, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(q, "q", "检索词", MaxQueryLength);
        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > MaxPage))
        {
            errors.Add("page", $"页码应为1至{MaxPage}的整数");
        }

        var words = errors.Any ? [] : ChineseSegmenter.Shared.SegmentQuery(q);
        if (!errors.Any && words.Count == 0)
        {
            errors.Add("q", "检索词中没有可检索的字词");
        }

        if (errors.Any)
        {
            return (errors, null);
        }

        // On the read replica when one is configured (ADR 0170): a search may miss an item registered a moment ago.
        var db = await read.ReadsAsync(ct);
        var matching = Matching(db, words);
        var query = guard.PetitionsOn(db).AsNoTracking().Where(p => matching.Contains(p.Id));
        // Newest first (the index on RegisteredAt, Id walks back from today and stops at the page: a common word is found
        // at once). One row more than the page says whether there is a next one; the count stops at the cap.
        var rows = await query.OrderByDescending(p => p.RegisteredAt).ThenByDescending(p => p.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new { p.Id, p.Number, p.Title, p.Content, p.State, p.RegisteredAt })
            .ToListAsync(ct);
        var hasNext = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        // The last page tells the total by itself; only a page with more after it (or past the end) asks the capped count.
        var total = !hasNext && (rows.Count > 0 || pageNumber == 1)
            ? ((pageNumber - 1) * PageSize) + rows.Count
            : await query.Take(countCap + 1).CountAsync(ct);
        var text = q!.Trim();
        // Hits are items the caller may see; ID numbers and mobiles typed in are masked unless the role may reveal them.
        var reveal = guard.Staff is { } viewer && PetitionRules.MayRevealPersonalData(viewer.Role);
        string T(string s) => reveal ? s : Domain.Common.PersonalDataInText.Mask(s);
        var hits = rows.Select(r => new Hit(r.Id, r.Number, ChineseSegmenter.Shared.Highlight(T(r.Title), text), Snippet(T(r.Content), text, words),
            r.State.ToString(), Lifecycle.NameOf(r.State), r.RegisteredAt)).ToList();
        return (null, new Response(text, words, pageNumber, PageSize, Math.Min(total, countCap), total > countCap, hasNext, hits));
    }

    /// <summary>Ids of the items whose index holds every word: an FTS5 MATCH or a tsvector @@ tsquery (index lookups).</summary>
    public static IQueryable<Guid> Matching(AppDbContext db, IReadOnlyList<string> words)
    {
        if (db.Database.IsNpgsql())
        {
            return db.Database.SqlQueryRaw<Guid>(
                "SELECT petition_id AS \"Value\" FROM petition_text WHERE search_vector @@ plainto_tsquery('simple', {0})",
                string.Join(' ', words));
        }

        // FTS5: each word a quoted string (a "phrase" of its own), all of them required.
        var match = string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        return db.Database.SqlQueryRaw<Guid>(
            "SELECT t.petition_id AS \"Value\" FROM petition_text_fts JOIN petition_text t ON t.id = petition_text_fts.rowid WHERE petition_text_fts MATCH {0}",
            match);
    }

    /// <summary>A window of the content around the first matched word, highlighted (encoded first).</summary>
    public static string Snippet(string content, string query, IReadOnlyList<string> words)
    {
        var folded = content.ToLowerInvariant();
        var terms = words.Count > 1 ? words.Where(w => w.Length > 1).ToList() : words.ToList();
        var first = terms.Select(t => folded.IndexOf(t, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - (SnippetLength / 4));
        var end = Math.Min(content.Length, start + SnippetLength);
        var piece = ChineseSegmenter.Shared.Highlight(content[start..end], query);
        return (start > 0 ? "…" : string.Empty) + piece + (end < content.Length ? "…" : string.Empty);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/fulltext", (string? q, string? page, FullTextSearch uc, CancellationToken ct) => uc.HandleAsync(q, page, ct))
            .WithSummary("全文检索（标题和内容，本单位相关的信访件）").Produces<Response>();
}
