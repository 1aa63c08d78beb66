using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Audit;

/// <summary>
/// The audit trail for administrators: verify the chain, and read the latest entries
/// (<c>GET /api/admin/audit/verify</c>, <c>GET /api/admin/audit/entries</c>; the page is <c>/admin/audit</c>).
/// </summary>
public sealed class AuditAdmin(AppDbContext db, CurrentStaff staff, AuditVerifier verifier, TimeProvider clock)
{
    public const int MaxTake = 200;

    public sealed record EntryView(long Sequence, DateTimeOffset At, string ActorId, string ActorName, string? ActorOrganizationId,
        string Kind, string? SubjectId, string? Subject, string Summary, string? ClientAddress, string PreviousHash, string Hash)
    {
        public static EntryView From(AuditEntry e) =>
            new(e.Sequence, e.At, e.ActorId, e.ActorName, e.ActorOrganizationId, e.Kind, e.SubjectId, e.Subject, e.Summary, e.ClientAddress, e.PreviousHash, e.Hash);
    }

    /// <summary>The filters of the audit page and its export (issue 13): actor, kind, item number, dates (Beijing time, inclusive).</summary>
    public sealed record Filter(string? Actor, string? Kind, string? Subject, DateOnly? From, DateOnly? To);

    public const int MaxExportRows = 10_000;

    /// <summary>Every kind of entry by its Chinese name (the page, its filter list and the export show these, never the code).</summary>
    public static readonly IReadOnlyList<(string Kind, string Name)> Kinds =
    [
        (AuditKinds.PetitionRegistered, "登记"),
        (AuditKinds.PetitionAction, "办理操作"),
        (AuditKinds.PersonalDataViewed, "查看个人信息"),
        (AuditKinds.Export, "导出"),
        (AuditKinds.AttachmentUploaded, "上传附件"),
        (AuditKinds.AttachmentDownloaded, "下载附件"),
        (AuditKinds.QueryCodeReissued, "重新发放查询码"),
        (AuditKinds.SignIn, "登录"),
        (AuditKinds.SignInFailed, "登录失败"),
        (PublicInformation.PublicGuides.AuditKind, "修改信访公开"),
        (Administration.ManageAccounts.AuditKind, "账号管理"),
        (Administration.ManageOrganizations.AuditKind, "组织机构调整"),
        (Deadlines.ManageDeadlineSettings.AuditKind, "时限设置调整"),
        (Ownership.OwnershipDesk.AuditKind, "领导包案"),
        (Reception.ReceptionDesk.AuditKind, "领导接访"),
        (Campaigns.CampaignDesk.AuditKind, "治重化积专项工作"),
        (Legal.LegalDesk.AuditKind, "律师意见、转介、案审和典型案例"),
        (Screening.ScreeningDesk.AuditKind, "矛盾纠纷排查和预警"),
        (JointMeetings.JointMeetingDesk.AuditKind, "联席会议议定事项"),
        (Duty.DutyDesk.AuditKind, "值班和零报告"),
        (Duty.UrgentDesk.AuditKind, "紧急信访信息报告"),
        (Mediation.MediationDesk.AuditKind, "调解评理"),
    ];

    /// <summary>A kind's Chinese name; a kind added by a later module without a name here shows as 其他操作, never as a code.</summary>
    public static string KindName(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Name ?? "其他操作";

    /// <summary>
    /// The summary as the page shows it: an action's code kept in the chain beside its Chinese name (「受理（Accept）」,
    /// for searching the raw trail) is left out on the page; the stored, hashed text is unchanged and exported whole.
    /// </summary>
    public static string DisplaySummary(string summary) => System.Text.RegularExpressions.Regex.Replace(summary, "（[A-Za-z]+）", string.Empty);

    /// <summary>The filter checked: lengths, control characters, dates within 2000–2099 and in order.</summary>
    public static RequestErrors Check(Filter f)
    {
        var errors = new RequestErrors()
            .Text(f.Actor, "actor", "操作人", 100, required: false)
            .Text(f.Subject, "subject", "信访件编号", 100, required: false)
            .Text(f.Kind, "kind", "类型", 40, required: false);
        if (f.Kind is { Length: > 0 } k && Kinds.All(x => x.Kind != k))
        {
            errors.Add("kind", "类型无效");
        }

        foreach (var (date, field) in new[] { (f.From, "from"), (f.To, "to") })
        {
            if (date is { Year: < DateInput.FirstYear or > DateInput.LastYear })
            {
                errors.Add(field, $"日期应在{DateInput.FirstYear}至{DateInput.LastYear}年之间");
            }
        }

        if (f.From is { } from && f.To is { } to && from > to)
        {
            errors.Add("to", "结束日期不能早于开始日期");
        }

        return errors;
    }

    /// <summary>Entries matching the filter, newest first (the filter must have passed <see cref="Check"/>).</summary>
    public static Task<List<AuditEntry>> SearchAsync(AppDbContext db, Filter f, int take, CancellationToken ct)
    {
        var beijing = TimeSpan.FromHours(8);
        var query = db.AuditEntries.AsNoTracking();
        if (f.Actor?.Trim() is { Length: > 0 } actor)
        {
            query = query.Where(e => e.ActorName.Contains(actor));
        }

        if (f.Kind is { Length: > 0 } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (f.Subject?.Trim() is { Length: > 0 } subject)
        {
            query = query.Where(e => e.Subject != null && e.Subject.Contains(subject));
        }

        if (f.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), beijing);
            query = query.Where(e => e.At >= start);
        }

        if (f.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), beijing);
            query = query.Where(e => e.At < end);
        }

        return query.OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);
    }

    /// <summary>The filtered entries as a table with Chinese headers, for the .xlsx and .csv export.</summary>
    public static Reports.ReportTable Table(IReadOnlyList<AuditEntry> entries) => new("audit", "审计记录",
        ["序号", "时间（北京时间）", "操作人", "类型", "对象", "摘要", "客户端地址", "哈希"],
        entries.Select(e => (IReadOnlyList<object?>)
        [
            e.Sequence, e.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            e.ActorName, KindName(e.Kind), e.Subject ?? e.SubjectId, e.Summary, e.ClientAddress, e.Hash,
        ]).ToList());

    /// <summary>
    /// The export (<c>GET /api/admin/audit/export?format=xlsx|csv&amp;…</c>): at most <see cref="MaxExportRows"/> entries,
    /// and the export itself is an entry of the chain (ADR 0042: data leaving the system is audited).
    /// </summary>
    public async Task<IResult> ExportAsync(string? format, Filter f, AuditLog audit, CancellationToken ct)
    {
        if (!MayRead(staff))
        {
            return Answers.Forbidden("只有系统管理员可以导出审计记录");
        }

        var errors = Check(f);
        if (format is not ("xlsx" or "csv"))
        {
            errors.Add("format", "格式应为 xlsx 或 csv");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var entries = await SearchAsync(db, f, MaxExportRows, ct);
        await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "审计记录", $"导出审计记录{entries.Count}条（{format}）"), ct);
        var table = Table(entries);
        var caption = "审计记录";
        var name = $"audit-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.{format}";
        return format == "xlsx"
            ? TypedResults.File(Reports.XlsxWriter.Write(table, caption), Reports.XlsxWriter.ContentType, name)
            : TypedResults.File(Reports.CsvWriter.Write(table, caption), Reports.CsvWriter.ContentType, name);
    }

    public static bool MayRead(CurrentStaff staff) => staff.IsSignedIn && staff.Role == StaffRole.Administrator;

    public async Task<IResult> VerifyAsync(CancellationToken ct) =>
        MayRead(staff) ? TypedResults.Ok(await verifier.VerifyAsync(ct)) : Answers.Forbidden("只有系统管理员可以查看审计记录");

    public async Task<IResult> EntriesAsync(long? before, int? take, CancellationToken ct)
    {
        if (!MayRead(staff))
        {
            return Answers.Forbidden("只有系统管理员可以查看审计记录");
        }

        var errors = new RequestErrors();
        if (take is < 1 or > MaxTake)
        {
            errors.Add("take", $"条数应在1至{MaxTake}之间");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        return TypedResults.Ok((await LatestAsync(db, before, take ?? 50, ct)).Select(EntryView.From).ToList());
    }

    /// <summary>The newest entries (before a sequence number, for paging back), newest first.</summary>
    public static Task<List<AuditEntry>> LatestAsync(AppDbContext db, long? before, int take, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (before is { } b)
        {
            query = query.Where(e => e.Sequence < b);
        }

        return query.OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/verify", (AuditAdmin uc, CancellationToken ct) => uc.VerifyAsync(ct))
            .WithSummary("校验审计链（管理员）：指出第一条被修改、删除或挪动的记录").Produces<AuditVerification>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/entries", (long? before, int? take, AuditAdmin uc, CancellationToken ct) => uc.EntriesAsync(before, take, ct))
            .WithSummary("最新的审计记录（管理员）").Produces<List<EntryView>>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/export", (string? format, string? actor, string? kind, string? subject, DateOnly? from, DateOnly? to, AuditAdmin uc, AuditLog audit, CancellationToken ct) =>
                uc.ExportAsync(format, new Filter(actor, kind, subject, from, to), audit, ct))
            .WithSummary("按操作人、类型、信访件编号和日期筛选导出审计记录（xlsx 或 csv；导出本身记入审计）")
            .Produces<Stream>(StatusCodes.Status200OK, Reports.XlsxWriter.ContentType, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
