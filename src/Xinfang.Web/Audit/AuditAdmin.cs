using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Audit;

/// <summary>
/// The audit trail for administrators: verify the chain, and read the latest entries
/// (<c>GET /api/admin/audit/verify</c>, <c>GET /api/admin/audit/entries</c>; the page is <c>/admin/audit</c>).
/// </summary>
public sealed class AuditAdmin(AppDbContext db, CurrentStaff staff, AuditVerifier verifier)
{
    public const int MaxTake = 200;

    public sealed record EntryView(long Sequence, DateTimeOffset At, string ActorId, string ActorName, string? ActorOrganizationId,
        string Kind, string? SubjectId, string? Subject, string Summary, string? ClientAddress, string PreviousHash, string Hash)
    {
        public static EntryView From(AuditEntry e) =>
            new(e.Sequence, e.At, e.ActorId, e.ActorName, e.ActorOrganizationId, e.Kind, e.SubjectId, e.Subject, e.Summary, e.ClientAddress, e.PreviousHash, e.Hash);
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
    }
}
