using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Supervision;

namespace Xinfang.Web.Workbench;

/// <summary>
/// A work list's filter as it travels in the address (issue 13: filters kept in the URL, so a list can be
/// bookmarked, shared and exported as shown). Every field is read as text so junk in the address is
/// reported in Chinese, never a 500.
/// </summary>
public sealed class WorkFilter
{
    /// <summary><c>held</c> (default for those who work on items: what my body holds) or <c>jurisdiction</c> (what the bodies of my jurisdiction hold).</summary>
    public string? View { get; set; }
    public string? State { get; set; }
    public string? Form { get; set; }
    public string? Class { get; set; }
    public string? Unit { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Level { get; set; }

    /// <summary><c>1</c>: only the items whose 首办责任人 I am (我负责的).</summary>
    public string? Mine { get; set; }

    /// <summary><c>signoff</c>: a 处理意见 drafted and waiting for the head's 签发; <c>extension</c>: an extension asked and waiting for approval.</summary>
    public string? Wait { get; set; }
    public string? Sort { get; set; }
    public string? Dir { get; set; }
    public string? Page { get; set; }
    public string? Size { get; set; }

    /// <summary>The filter as a query string (without <c>?</c>), leaving out empty fields; <paramref name="change"/> edits a copy first.</summary>
    public string ToQuery(Action<WorkFilter>? change = null)
    {
        var copy = (WorkFilter)MemberwiseClone();
        change?.Invoke(copy);
        var pairs = new (string Key, string? Value)[]
        {
            ("view", copy.View), ("state", copy.State), ("form", copy.Form), ("class", copy.Class), ("unit", copy.Unit), ("from", copy.From),
            ("to", copy.To), ("level", copy.Level), ("mine", copy.Mine), ("wait", copy.Wait), ("sort", copy.Sort), ("dir", copy.Dir), ("page", copy.Page), ("size", copy.Size),
        };
        return string.Join('&', pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }
}

/// <summary>The columns a work list sorts by.</summary>
public enum WorkSort
{
    Due,
    Received,
    Number,
    Form,
    State,
    Holder,
}

/// <summary>What an item waits for inside its body, before the next step of the law (issue 13: drafts and extension requests).</summary>
public enum WorkWaiting
{
    /// <summary>A 处理意见 drafted by the handler, waiting for the head's 签发.</summary>
    SignOff,

    /// <summary>An extension asked by the handler, waiting for the head's approval (条例 Art. 32 ¶1: 经本机关负责人批准).</summary>
    Extension,

    /// <summary>A draft the head returned, waiting for the handler to draft it again.</summary>
    Returned,

    /// <summary>协办待反馈 (issue 14): an item whose 协办 task for my body (or my jurisdiction's) is open — held by the 主办, not by me.</summary>
    CoHandling,

    /// <summary>协办逾期: such an open 协办 task past its deadline.</summary>
    CoHandlingOverdue,
}

/// <summary>A parsed, valid <see cref="WorkFilter"/>.</summary>
public sealed record WorkQuery(
    bool Jurisdiction,
    PetitionState? State,
    PetitionForm? Form,
    string? ContentClass,
    Guid? Unit,
    DateOnly? From,
    DateOnly? To,
    DeadlineWarning? Level,
    bool Mine,
    WorkWaiting? Waiting,
    WorkSort Sort,
    bool Descending,
    int Page,
    int Size)
{
    public const int MaxSize = 200;
    public const int MaxPage = 10_000;

    public int Offset => (Page - 1) * Size;

    /// <summary>Parses the address's filter; the messages are the API's 400 and the page's error list.</summary>
    public static (WorkQuery? Query, RequestErrors Errors) Parse(WorkFilter f)
    {
        var errors = new RequestErrors();
        var jurisdiction = f.View switch
        {
            null or "" or "held" => false,
            "jurisdiction" => true,
            _ => Invalid(errors, "view", "范围应为 held（本单位持有）或 jurisdiction（本辖区）", false),
        };
        var state = Parse<PetitionState>(f.State, errors, "state", "状态无效");
        var form = Parse<PetitionForm>(f.Form, errors, "form", "信访形式无效");
        errors.Text(f.Class, "class", "内容分类", 12, required: false);
        Guid? unit = null;
        if (!string.IsNullOrWhiteSpace(f.Unit))
        {
            unit = Guid.TryParse(f.Unit, out var u) ? u : Invalid<Guid?>(errors, "unit", "单位无效", null);
        }

        var from = Day(f.From, errors, "from", "登记日期起");
        var to = Day(f.To, errors, "to", "登记日期止");
        if (from > to)
        {
            errors.Add("from", "起始日期不能晚于截止日期");
        }

        DeadlineWarning? level = null;
        if (!string.IsNullOrWhiteSpace(f.Level))
        {
            level = Enum.TryParse<DeadlineWarning>(f.Level, out var l) && Enum.IsDefined(l) && l.ToString() == f.Level
                ? l
                : Invalid<DeadlineWarning?>(errors, "level", "预警级别应为 Normal、Yellow、Red 或 Overdue", null);
        }

        var mine = f.Mine switch
        {
            null or "" or "0" => false,
            "1" => true,
            _ => Invalid(errors, "mine", "“我负责的”应为 1 或不填", false),
        };
        WorkWaiting? waiting = f.Wait switch
        {
            null or "" => null,
            "signoff" => WorkWaiting.SignOff,
            "extension" => WorkWaiting.Extension,
            "returned" => WorkWaiting.Returned,
            "cohandling" => WorkWaiting.CoHandling,
            "cohandling-overdue" => WorkWaiting.CoHandlingOverdue,
            _ => Invalid<WorkWaiting?>(errors, "wait", "待办事项应为 signoff（处理意见待签发）、extension（延期待审批）、returned（处理意见被退回）、cohandling（协办待反馈）或 cohandling-overdue（协办逾期）", null),
        };
        var sort = string.IsNullOrWhiteSpace(f.Sort) ? WorkSort.Due : Parse<WorkSort>(f.Sort, errors, "sort", "排序列无效") ?? WorkSort.Due;
        var descending = f.Dir switch
        {
            null or "" or "asc" => false,
            "desc" => true,
            _ => Invalid(errors, "dir", "排序方向应为 asc 或 desc", false),
        };
        var page = Number(f.Page, 1, MaxPage, errors, "page", "页码");
        var size = Number(f.Size, 1, MaxSize, errors, "size", "每页条数", 100);
        return errors.Any
            ? (null, errors)
            : (new WorkQuery(jurisdiction, state, form, string.IsNullOrWhiteSpace(f.Class) ? null : f.Class.Trim(), unit, from, to, level, mine, waiting, sort, descending, page, size), errors);
    }

    private static T Invalid<T>(RequestErrors errors, string field, string message, T value)
    {
        errors.Add(field, message);
        return value;
    }

    private static TEnum? Parse<TEnum>(string? text, RequestErrors errors, string field, string message)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // By name only: "3" or "Closed,Declined" are not states.
        return Enum.TryParse<TEnum>(text, out var v) && Enum.IsDefined(v) && v.ToString() == text ? v : Invalid<TEnum?>(errors, field, message, null);
    }

    private static DateOnly? Day(string? text, RequestErrors errors, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add(field, $"{label}格式应为 yyyy-MM-dd");
            return null;
        }

        errors.Date(d, field, label);
        return d;
    }

    private static int Number(string? text, int min, int max, RequestErrors errors, string field, string label, int fallback = 1)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : Invalid(errors, field, $"{label}应在{min}至{max}之间", fallback);
    }
}

/// <summary>One row of a work list as pages, the API and the export show it: personal data masked.</summary>
public sealed record WorkItem(
    Guid Id,
    string Number,
    string Title,
    string Form,
    string FormName,
    string State,
    string StateName,
    DateOnly ReceivedOn,
    DateOnly? DueOn,
    int? DaysLeft,
    string Level,
    string LevelName,
    string Petitioner,
    Guid HolderId,
    string HolderName,
    bool Urgent,
    string Responsible);

/// <summary>A page of a work list. <see cref="Total"/> stops counting at <see cref="WorkItems.CountCap"/> (<see cref="TotalCapped"/>).</summary>
public sealed record WorkPage(int Total, bool TotalCapped, int Page, int Size, bool HasNext, IReadOnlyList<WorkItem> Items);

/// <summary>
/// 工作清单 (issue 13): the items waiting at my body (or, for a leader or supervisor, at the bodies of my
/// jurisdiction), filtered, sorted by any column, paged. Reads only through <see cref="PetitionGuard.Petitions"/>,
/// so nothing the caller may not see is listed (回避 Art. 28; accusations kept from the accused, Art. 30 ¶3).
/// <para>
/// Cost: each page reads at most one page of rows plus a capped count (<see cref="CountCap"/>); the
/// default order (due date, items without a deadline last) is two index range scans on (current
/// organisation, current due) — the due-dated ones in order, then, only when a page runs past them, the
/// undated ones — so the first pages never sort all open items of a bureau.
/// </para>
/// </summary>
public sealed class WorkItems(PetitionGuard guard, CurrentStaff staff, AppDbContext db, OrganizationDirectory directory, TimeProvider clock, DeadlineWarningPolicy policy)
{
    /// <summary>Counting stops here: "1000 件以上" is all a list header needs to say.</summary>
    public const int CountCap = 1000;

    /// <summary>An export holds at most this many rows (the first of the list as sorted).</summary>
    public const int ExportMax = 5000;

    /// <summary>Finished states: a work list shows them only when asked for by state.</summary>
    public static readonly PetitionState[] Finished = [PetitionState.Declined, PetitionState.RefusedAgain, PetitionState.GuidedToPoliticalLegal, PetitionState.Closed];

    /// <summary>
    /// "Not finished" as SQL, the filter of the open items' index: the same text EF writes for <c>!Finished.Contains(p.State)</c>
    /// (states stored by name), so the database proves the list's condition implies it.
    /// </summary>
    public static string OpenFilterSql => $"\"State\" NOT IN ({string.Join(", ", Finished.Select(s => $"'{s}'"))})";

    public DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    /// <summary>Whether the role looks at the jurisdiction by default: those who oversee rather than hold items.</summary>
    public static bool OverseesByDefault(StaffRole role) => role is StaffRole.Leader or StaffRole.Supervisor;

    /// <summary>The bodies whose held items the query covers.</summary>
    public IReadOnlyCollection<Guid> Holders(WorkQuery q)
    {
        if (q.Jurisdiction || OverseesByDefault(staff.Role))
        {
            var below = directory.Subtree(staff.OrganizationId);
            return q.Unit is { } u ? (below.Contains(u) ? [u] : []) : below;
        }

        return q.Unit is { } unit && unit != staff.OrganizationId ? [] : [staff.OrganizationId];
    }

    /// <summary>The filtered items, not yet ordered.</summary>
    public IQueryable<Petition> Filtered(WorkQuery q)
    {
        var holders = Holders(q).ToList();
        var query = guard.Petitions.AsNoTracking();
        if (q.Waiting is WorkWaiting.CoHandling or WorkWaiting.CoHandlingOverdue)
        {
            // 协办待反馈 (issue 14): the items whose open 协办 task names my body (or one of my jurisdiction) — the 主办 holds them.
            var today = Today;
            var overdue = q.Waiting == WorkWaiting.CoHandlingOverdue;
            var tasks = db.Set<Domain.CoHandling.CoHandlingTask>().Where(t => t.ActiveKey != null && holders.Contains(t.OrganizationId) && (!overdue || t.DueOn < today));
            query = query.Where(p => tasks.Any(t => t.ActiveKey == p.Id));
        }
        else
        {
            query = holders.Count == 1 ? query.Where(p => p.CurrentOrganizationId == holders[0]) : query.Where(p => holders.Contains(p.CurrentOrganizationId));
        }

        query = q.State is { } s ? query.Where(p => p.State == s) : query.Where(p => !Finished.Contains(p.State));
        if (q.Form is { } f)
        {
            query = query.Where(p => p.Form == f);
        }

        if (q.ContentClass is { } c)
        {
            query = query.Where(p => p.ContentClassCode == c);
        }

        if (q.From is { } from)
        {
            query = query.Where(p => p.ReceivedOn >= from);
        }

        if (q.To is { } to)
        {
            query = query.Where(p => p.ReceivedOn <= to);
        }

        if (q.Level is { } level)
        {
            query = WithLevel(query, level);
        }

        if (q.Mine)
        {
            // 首办责任人 named by the body holding the item now (Petition.Responsibility.cs): a naming by a body
            // the item has left does not count.
            var me = staff.UserId;
            query = query.Where(p => p.ResponsibleUserId == me && p.ResponsibleOrganizationId == p.CurrentOrganizationId);
        }

        query = q.Waiting switch
        {
            WorkWaiting.SignOff => query.Where(p => p.DraftOutcome != null && p.DraftReturnedBecause == null),
            WorkWaiting.Returned => query.Where(p => p.DraftOutcome != null && p.DraftReturnedBecause != null),
            WorkWaiting.Extension => query.Where(p => p.RequestedExtensionDays != null),
            _ => query,
        };
        return query;
    }

    /// <summary>
    /// The level as the list shows it (<see cref="DeadlineStatus.Evaluate(DateOnly, DateOnly, DateOnly, WarningThresholds)"/>):
    /// overdue and red by the due date; yellow by the warning the sweeper recorded for the current deadline
    /// (the share elapsed needs the clock's start, which the sweeper has judged already).
    /// </summary>
    private IQueryable<Petition> WithLevel(IQueryable<Petition> query, DeadlineWarning level)
    {
        var today = Today;
        var redFrom = today.AddDays(policy.Thresholds.RedDaysLeft);
        var lastOverdue = DeadlineTime.EndOfDay(today.AddDays(-1)).UtcDateTime;
        var lastRed = DeadlineTime.EndOfDay(redFrom).UtcDateTime;
        var warnings = db.Set<DeadlineWarningRecord>();
        return level switch
        {
            DeadlineWarning.Overdue => query.Where(p => p.CurrentDueAtUtc != null && p.CurrentDueAtUtc <= lastOverdue),
            DeadlineWarning.Red => query.Where(p => p.CurrentDueAtUtc > lastOverdue && p.CurrentDueAtUtc <= lastRed),
            DeadlineWarning.Yellow => query.Where(p => p.CurrentDueAtUtc > lastRed
                && warnings.Any(w => w.PetitionId == p.Id && w.DueOn == p.CurrentDueOn && w.Level == DeadlineWarning.Yellow)),
            _ => query.Where(p => p.CurrentDueAtUtc == null || (p.CurrentDueAtUtc > lastRed
                && !warnings.Any(w => w.PetitionId == p.Id && w.DueOn == p.CurrentDueOn && w.Level == DeadlineWarning.Yellow))),
        };
    }

    public async Task<WorkPage> PageAsync(WorkQuery q, CancellationToken ct)
    {
        var filtered = Filtered(q);
        // One row more than the page tells whether there is a next page without counting everything.
        var rows = await RowsAsync(filtered, q, q.Offset, q.Size + 1, ct);
        var hasNext = rows.Count > q.Size;
        rows = rows.Take(q.Size).ToList();
        var total = await filtered.Take(CountCap + 1).CountAsync(ct);
        return new WorkPage(Math.Min(total, CountCap), total > CountCap, q.Page, q.Size, hasNext, await ViewAsync(rows, ct));
    }

    /// <summary>The rows for an export: the list as sorted, from the first, at most <see cref="ExportMax"/>.</summary>
    public async Task<IReadOnlyList<WorkItem>> AllAsync(WorkQuery q, CancellationToken ct) =>
        await ViewAsync(await RowsAsync(Filtered(q), q, 0, ExportMax, ct), ct);

    private async Task<List<Row>> RowsAsync(IQueryable<Petition> filtered, WorkQuery q, int skip, int take, CancellationToken ct)
    {
        if (q.Sort != WorkSort.Due)
        {
            return await Project(Ordered(filtered, q)).Skip(skip).Take(take).ToListAsync(ct);
        }

        // Due date: dated items in order (index on current organisation, current due), undated ones after
        // them whichever the direction — an item without a deadline is never more urgent.
        var dated = filtered.Where(p => p.CurrentDueAtUtc != null);
        dated = q.Descending ? dated.OrderByDescending(p => p.CurrentDueAtUtc).ThenByDescending(p => p.Id) : dated.OrderBy(p => p.CurrentDueAtUtc).ThenBy(p => p.Id);
        var rows = await Project(dated).Skip(skip).Take(take).ToListAsync(ct);
        if (rows.Count == take)
        {
            return rows;
        }

        // The page runs past the dated items: only now count them (at most skip + take of them).
        var datedCount = rows.Count > 0 ? skip + rows.Count : await dated.CountAsync(ct);
        var undated = filtered.Where(p => p.CurrentDueAtUtc == null).OrderByDescending(p => p.RegisteredAt).ThenBy(p => p.Id);
        rows.AddRange(await Project(undated).Skip(Math.Max(0, skip - datedCount)).Take(take - rows.Count).ToListAsync(ct));
        return rows;
    }

    private static IQueryable<Petition> Ordered(IQueryable<Petition> query, WorkQuery q) => (q.Sort, q.Descending) switch
    {
        (WorkSort.Received, false) => query.OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id),
        (WorkSort.Received, true) => query.OrderByDescending(p => p.ReceivedAt).ThenBy(p => p.Id),
        (WorkSort.Number, false) => query.OrderBy(p => p.Number),
        (WorkSort.Number, true) => query.OrderByDescending(p => p.Number),
        (WorkSort.Form, false) => query.OrderBy(p => p.Form).ThenBy(p => p.Id),
        (WorkSort.Form, true) => query.OrderByDescending(p => p.Form).ThenBy(p => p.Id),
        (WorkSort.State, false) => query.OrderBy(p => p.State).ThenBy(p => p.Id),
        (WorkSort.State, true) => query.OrderByDescending(p => p.State).ThenBy(p => p.Id),
        (WorkSort.Holder, false) => query.OrderBy(p => p.CurrentOrganizationId).ThenBy(p => p.Id),
        _ => query.OrderByDescending(p => p.CurrentOrganizationId).ThenBy(p => p.Id),
    };

    private static IQueryable<Row> Project(IQueryable<Petition> query) => query.Select(p => new Row(
        p.Id, p.Number, p.Title, p.Form, p.State, p.ReceivedOn, p.CurrentDueOn, p.Urgent, p.CurrentOrganizationId, p.Anonymous,
        p.Petitioners.OrderBy(x => x.Ordinal).Select(x => x.Name).FirstOrDefault(),
        p.Deadlines.Where(d => d.MetOn == null && !d.Cancelled && d.DueOn == p.CurrentDueOn).Select(d => (DateOnly?)d.StartedOn).FirstOrDefault(),
        p.ResponsibleOrganizationId == p.CurrentOrganizationId ? p.ResponsibleName : null));

    private sealed record Row(Guid Id, string Number, string Title, PetitionForm Form, PetitionState State, DateOnly ReceivedOn, DateOnly? DueOn, bool Urgent,
        Guid HolderId, bool Anonymous, string? FirstPetitioner, DateOnly? ClockStartedOn, string? Responsible);

    private async Task<IReadOnlyList<WorkItem>> ViewAsync(List<Row> rows, CancellationToken ct)
    {
        var names = await OrganizationNames.LoadAsync(db, rows.Select(r => r.HolderId), ct);
        var today = Today;
        var reveal = PetitionRules.MayRevealPersonalData(staff.Role);
        return rows.Select(r =>
        {
            var level = r.DueOn is { } due ? policy.Evaluate(r.ClockStartedOn ?? r.ReceivedOn, due, today) : DeadlineWarning.Normal;
            return new WorkItem(r.Id, r.Number, reveal ? r.Title : PersonalDataInText.Mask(r.Title), r.Form.ToString(), CodeNames.Of(r.Form),
                r.State.ToString(), Lifecycle.NameOf(r.State), r.ReceivedOn, r.DueOn, r.DueOn is { } d ? d.DayNumber - today.DayNumber : null,
                level.ToString(), r.DueOn is null ? "无时限" : DeadlineWarningPolicy.NameOf(level),
                r.Anonymous ? "匿名" : MaskName(r.FirstPetitioner), r.HolderId, names.GetValueOrDefault(r.HolderId, string.Empty), r.Urgent, r.Responsible ?? "—");
        }).ToList();
    }

    /// <summary>A petitioner's name in a list: the surname and a star for each other character (王**), for every role — a list is glanced at, the item page shows the name to those who may see it.</summary>
    public static string MaskName(string? name) => string.IsNullOrWhiteSpace(name)
        ? "—"
        : name.Length == 1 ? name : string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));

    public static string WaitingName(WorkWaiting w) => w switch
    {
        WorkWaiting.SignOff => "处理意见待签发",
        WorkWaiting.Extension => "延期待审批",
        WorkWaiting.CoHandling => "协办待反馈",
        WorkWaiting.CoHandlingOverdue => "协办逾期",
        _ => "处理意见被退回",
    };

    /// <summary>Words for the filter, for the export's title row and the page's caption.</summary>
    public async Task<string> DescribeAsync(WorkQuery q, CancellationToken ct)
    {
        var parts = new List<string> { q.Jurisdiction || OverseesByDefault(staff.Role) ? "本辖区" : "本单位持有" };
        parts.Add(q.State is { } s ? $"状态：{Lifecycle.NameOf(s)}" : "状态：未办结");
        if (q.Form is { } f)
        {
            parts.Add($"信访形式：{CodeNames.Of(f)}");
        }

        if (q.ContentClass is { } c)
        {
            parts.Add($"内容分类：{c}");
        }

        if (q.Unit is { } u)
        {
            parts.Add($"单位：{(await OrganizationNames.LoadAsync(db, [u], ct)).GetValueOrDefault(u, "—")}");
        }

        if (q.From is not null || q.To is not null)
        {
            parts.Add($"登记日期：{q.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"}至{q.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"}");
        }

        if (q.Level is { } l)
        {
            parts.Add($"预警级别：{DeadlineWarningPolicy.NameOf(l)}");
        }

        if (q.Mine)
        {
            parts.Add("我负责的");
        }

        if (q.Waiting is { } w)
        {
            parts.Add(WaitingName(w));
        }

        return string.Join("；", parts);
    }
}
