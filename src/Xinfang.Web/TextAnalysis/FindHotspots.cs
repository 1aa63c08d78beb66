using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Text;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// 热点: topics among the items related to the caller's organisation registered in a period
/// (local dates, both inclusive; default the last 30 days), with counts, trend, places, keywords and
/// member items. Matters only — nothing here counts or ranks people (domain.md §12).
/// </summary>
public sealed partial class FindHotspots(AppDbContext db, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxItems = 5_000;
    public const int MaxDays = 366;
    public const int MaxTop = 50;

    public sealed record Member(Guid Id, string Number);

    public sealed record Week(DateOnly WeekStart, int Count);

    public sealed record Topic(string Label, int Count, string Trend, int FirstHalf, int SecondHalf, IReadOnlyList<string> Keywords, IReadOnlyList<string> Places,
        IReadOnlyList<Week> Weeks, IReadOnlyList<Member> Members);

    public sealed record Response(DateOnly From, DateOnly To, int Items, bool Truncated, IReadOnlyList<Topic> Topics);

    public const int DefaultDays = 30;

    public async Task<IResult> HandleAsync(string? from, string? to, string? top, CancellationToken ct)
    {
        var (errors, response) = await FindAsync(from, to, top, DefaultDays, ct);
        return errors is not null ? errors.Problem() : TypedResults.Ok(response);
    }

    /// <summary>
    /// The analysis itself, shared by the API, the /hotspots page and the CSV export: errors (400) or
    /// the topics. <paramref name="defaultDays"/> is the period when <paramref name="from"/> is empty
    /// (the page shows a quarter, the API keeps its documented month).
    /// </summary>
    public async Task<(RequestErrors? Errors, Response? Result)> FindAsync(string? from, string? to, string? top, int defaultDays, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var toDate = ParseDate(to, "to", "截止日期", today, errors);
        var fromDate = ParseDate(from, "from", "起始日期", toDate.AddDays(1 - defaultDays), errors);
        var topCount = 10;
        if (!string.IsNullOrWhiteSpace(top) && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out topCount) || topCount < 1 || topCount > MaxTop))
        {
            errors.Add("top", $"热点个数应为1至{MaxTop}的整数");
        }

        if (!errors.Any && fromDate > toDate)
        {
            errors.Add("from", "起始日期不能晚于截止日期");
        }
        else if (!errors.Any && toDate.DayNumber - fromDate.DayNumber >= MaxDays)
        {
            errors.Add("from", $"统计期间不能超过{MaxDays}天");
        }

        if (errors.Any)
        {
            return (errors, null);
        }

        var start = LocalMidnightUtc(fromDate);
        var end = LocalMidnightUtc(toDate.AddDays(1));
        var rows = await guard.Petitions.AsNoTracking()
            .Where(p => p.RegisteredAt >= start && p.RegisteredAt < end)
            .OrderByDescending(p => p.RegisteredAt).Take(MaxItems + 1)
            .Select(p => new { p.Id, p.Number, p.Title, p.Content, p.ReceivedAt, p.IssueLocationCode, Names = p.Petitioners.Select(x => x.Name).ToList() })
            .ToListAsync(ct);
        var truncated = rows.Count > MaxItems;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var places = await DivisionNamesAsync(rows.Select(r => r.IssueLocationCode).OfType<string>().Distinct().ToList(), ct);
        var numbers = rows.ToDictionary(r => r.Id.ToString(), r => (r.Id, r.Number));
        // Weeks are cut on local dates: the stored instant is UTC, and a Monday-morning letter belongs to that Monday's week.
        var items = rows.Select(r => new HotspotItem(r.Id.ToString(), WithoutPersonalData(r.Title, r.Names), WithoutPersonalData(r.Content, r.Names), r.ReceivedAt.ToOffset(DeadlineTime.Offset),
            r.IssueLocationCode is { } code ? places.GetValueOrDefault(code) : null));
        var spots = new HotspotFinder().Find(items, topCount, start, end);
        var topics = spots.Select(h => new Topic(h.Label, h.Count, h.Trend, h.FirstHalf, h.SecondHalf, h.Keywords, h.Places,
                h.Weeks.Select(w => new Week(w.WeekStart, w.Count)).ToList(),
                h.MemberIds.Where(numbers.ContainsKey).Select(m => new Member(numbers[m].Id, numbers[m].Number)).ToList()))
            .ToList();
        return (null, new Response(fromDate, toDate, rows.Count, truncated, topics));
    }

    // domain.md §12: topics are about matters, never people. A name, ID number or phone written into
    // the text would otherwise become a keyword or a label once a few letters repeat it, and the
    // labels leave the system in the CSV export.
    private static string? WithoutPersonalData(string? text, IReadOnlyList<string?> names)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var name in names)
        {
            if (name is { Length: >= 2 })
            {
                text = text.Replace(name, " ", StringComparison.Ordinal);
            }
        }

        return LongNumber().Replace(text, " ");
    }

    /// <summary>ID numbers (15/18 characters, X check), phones and account numbers: 7 or more digits in a row.</summary>
    [GeneratedRegex(@"[0-9０-９]{7,}[0-9Xx]*")]
    private static partial Regex LongNumber();

    /// <summary>
    /// 问题属地 is stored as a division code; its name is read off the organisation tree, which names
    /// each division's bodies (西湖区信访局 → 西湖区, 北山街道办事处 → 北山街道). A code no body carries
    /// gives no place: a bare code means nothing to the reader.
    /// </summary>
    private async Task<Dictionary<string, string>> DivisionNamesAsync(List<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var bodies = await db.Organizations.AsNoTracking().Where(o => codes.Contains(o.DivisionCode))
            .Select(o => new { o.DivisionCode, o.Name, o.Kind }).ToListAsync(ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var body in bodies.OrderBy(b => b.Kind != OrganizationKind.PetitionBureau).ThenBy(b => b.Name, StringComparer.Ordinal))
        {
            if (names.ContainsKey(body.DivisionCode))
            {
                continue;
            }

            foreach (var suffix in DivisionBodySuffixes)
            {
                if (body.Name.Length > suffix.Length + 1 && body.Name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    names[body.DivisionCode] = body.Name[..^suffix.Length];
                    break;
                }
            }
        }

        return names;
    }

    private static readonly string[] DivisionBodySuffixes = ["信访局", "信访办", "人民政府", "办事处"];

    private static DateOnly ParseDate(string? value, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add(field, $"{label}应为 yyyy-MM-dd 格式的日期");
            return fallback;
        }

        // The one range of every typed date (DateInput).
        var before = errors.Messages.Count();
        errors.Date(d, field, label);
        return errors.Messages.Count() == before ? d : fallback;
    }

    // Jurisdiction time is a fixed UTC+8 (Asia/Shanghai has no daylight saving).
    private static DateTimeOffset LocalMidnightUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset).ToUniversalTime();

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/hotspots", (string? from, string? to, string? top, FindHotspots uc, CancellationToken ct) => uc.HandleAsync(from, to, top, ct))
            .WithSummary("热点问题（本单位相关、期间内登记的信访件）").Produces<Response>();
}
