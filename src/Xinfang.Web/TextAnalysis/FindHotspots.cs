using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
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
public sealed class FindHotspots(AppDbContext db, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxItems = 5_000;
    public const int MaxDays = 366;
    public const int MaxTop = 50;

    public sealed record Member(Guid Id, string Number);

    public sealed record Week(DateOnly WeekStart, int Count);

    public sealed record Topic(string Label, int Count, string Trend, int FirstHalf, int SecondHalf, IReadOnlyList<string> Keywords, IReadOnlyList<string> Places,
        IReadOnlyList<Week> Weeks, IReadOnlyList<Member> Members);

    public sealed record Response(DateOnly From, DateOnly To, int Items, bool Truncated, IReadOnlyList<Topic> Topics);

    public async Task<IResult> HandleAsync(string? from, string? to, string? top, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var toDate = ParseDate(to, "to", "截止日期", today, errors);
        var fromDate = ParseDate(from, "from", "起始日期", toDate.AddDays(-29), errors);
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
            return errors.Problem();
        }

        var start = LocalMidnightUtc(fromDate);
        var end = LocalMidnightUtc(toDate.AddDays(1));
        var rows = await guard.Visible(db.Petitions.AsNoTracking())
            .Where(p => p.RegisteredAt >= start && p.RegisteredAt < end)
            .OrderByDescending(p => p.RegisteredAt).Take(MaxItems + 1)
            .Select(p => new { p.Id, p.Number, p.Title, p.Content, p.ReceivedAt })
            .ToListAsync(ct);
        var truncated = rows.Count > MaxItems;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var numbers = rows.ToDictionary(r => r.Id.ToString(), r => (r.Id, r.Number));
        var spots = new HotspotFinder().Find(rows.Select(r => new HotspotItem(r.Id.ToString(), r.Title, r.Content, r.ReceivedAt)), topCount);
        var topics = spots.Select(h => new Topic(h.Label, h.Count, h.Trend, h.FirstHalf, h.SecondHalf, h.Keywords, h.Places,
                h.Weeks.Select(w => new Week(w.WeekStart, w.Count)).ToList(),
                h.MemberIds.Where(numbers.ContainsKey).Select(m => new Member(numbers[m].Id, numbers[m].Number)).ToList()))
            .ToList();
        return TypedResults.Ok(new Response(fromDate, toDate, rows.Count, truncated, topics));
    }

    private static DateOnly ParseDate(string? value, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100)
        {
            return d;
        }

        errors.Add(field, $"{label}应为 yyyy-MM-dd 格式的日期");
        return fallback;
    }

    // Jurisdiction time is a fixed UTC+8 (Asia/Shanghai has no daylight saving).
    private static DateTimeOffset LocalMidnightUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset).ToUniversalTime();

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/hotspots", (string? from, string? to, string? top, FindHotspots uc, CancellationToken ct) => uc.HandleAsync(from, to, top, ct))
            .WithSummary("热点问题（本单位相关、期间内登记的信访件）");
}
