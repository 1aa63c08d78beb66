using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Documents;

/// <summary>
/// The 机关代字 each body's 文号 begin with. Every staff member may read them; an administrator sets
/// them for their own body and the bodies below it. A change applies to numbers issued afterwards —
/// a number once issued never changes (<see cref="IssuedDocumentNumber"/>).
/// </summary>
public sealed class DocumentNumberPrefixes(AppDbContext db, CurrentStaff staff, OrganizationDirectory directory, TimeProvider clock)
{
    public sealed record PrefixView(Guid OrganizationId, string OrganizationName, string Prefix, bool Derived, string Example);

    public sealed record PrefixRequest(string? Prefix);

    public async Task<IReadOnlyList<PrefixView>> ListAsync(CancellationToken ct)
    {
        var set = await db.Set<DocumentNumberPrefix>().AsNoTracking().ToDictionaryAsync(p => p.OrganizationId, p => p.Prefix, ct);
        var orgs = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var year = clock.GetUtcNow().Year;
        return orgs.Select(o =>
        {
            var prefix = set.GetValueOrDefault(o.Id) ?? DocumentNumbers.DefaultPrefix(o.Name);
            return new PrefixView(o.Id, o.Name, prefix, !set.ContainsKey(o.Id), DocumentNumbers.Format(prefix, "转", year, 1));
        }).ToList();
    }

    /// <summary>The API's answer (<see cref="SetOutcomeAsync"/>, shared with the page <c>/admin/organizations</c>).</summary>
    public async Task<IResult> SetAsync(Guid organizationId, PrefixRequest r, CancellationToken ct) =>
        (await SetOutcomeAsync(organizationId, r, ct)).ToResult();

    /// <summary>Sets a body's 机关代字: the one rule for the API and the administration page (ADR 0104, admin-roles).</summary>
    public async Task<AdminOutcome<PrefixView>> SetOutcomeAsync(Guid organizationId, PrefixRequest r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Prefix, "prefix", "机关代字", DocumentNumberPrefix.MaxLength);
        if (r.Prefix is { } p && p.Trim().Any(c => char.IsWhiteSpace(c) || c is '〔' or '〕' or '[' or ']' or '号'))
        {
            errors.Add("prefix", "机关代字不能含空格、括号或“号”字");
        }

        if (errors.Any)
        {
            return AdminOutcome<PrefixView>.Invalid(errors);
        }

        if (!staff.IsSignedIn || staff.Role != StaffRole.Administrator)
        {
            return new(default, StatusCodes.Status403Forbidden, "无权执行该操作", "只有管理员可以设置机关代字", null);
        }

        var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (org is null)
        {
            return AdminOutcome<PrefixView>.NotFound("机关不存在", "未找到该机关");
        }

        if (!directory.IsWithin(organizationId, staff.OrganizationId))
        {
            return new(default, StatusCodes.Status403Forbidden, "无权执行该操作", "管理员只能设置本机关及其下级机关的机关代字", null);
        }

        var row = await db.Set<DocumentNumberPrefix>().SingleOrDefaultAsync(x => x.OrganizationId == organizationId, ct);
        if (row is null)
        {
            row = new DocumentNumberPrefix { OrganizationId = organizationId };
            db.Add(row);
        }

        row.Prefix = r.Prefix!.Trim();
        row.ChangedBy = staff.ActingName;
        row.ChangedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return AdminOutcome<PrefixView>.Ok(new PrefixView(org.Id, org.Name, row.Prefix, false, DocumentNumbers.Format(row.Prefix, "转", row.ChangedAt.Year, 1)));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/prefixes", (DocumentNumberPrefixes uc, CancellationToken ct) => uc.ListAsync(ct))
            .WithSummary("各机关文号的机关代字").Produces<IReadOnlyList<PrefixView>>();
        group.MapPut("/prefixes/{organizationId:guid}", (Guid organizationId, PrefixRequest r, DocumentNumberPrefixes uc, CancellationToken ct) => uc.SetAsync(organizationId, r, ct))
            .WithSummary("设置机关的机关代字（管理员，本机关及下级机关）").Produces<PrefixView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
