using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;

namespace Xinfang.Web.Organizations;

/// <summary>The organisation tree (levels, kinds, division codes): where an item can be forwarded.</summary>
public sealed class ListOrganizations(AppDbContext db)
{
    /// <summary>A body; <c>MergedIntoId</c>/<c>MergedOn</c> are set for a body merged into another (不再使用, ADR 0127): never a target.</summary>
    public sealed record Item(Guid Id, string Code, string Name, string DivisionCode, string Level, string LevelName, string Kind, string KindName, Guid? ParentId, string? Line,
        Guid? MergedIntoId = null, DateOnly? MergedOn = null);

    public async Task<IResult> HandleAsync(CancellationToken ct)
    {
        var all = await db.Organizations.AsNoTracking().OrderBy(o => o.DivisionCode).ThenBy(o => o.Code).ToListAsync(ct);
        return TypedResults.Ok(all.Select(o => new Item(o.Id, o.Code, o.Name, o.DivisionCode, o.Level.ToString(), Organization.LevelName(o.Level), o.Kind.ToString(), Organization.KindName(o.Kind), o.ParentId, o.Line, o.MergedIntoId, o.MergedOn)).ToList());
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/organizations", (ListOrganizations uc, CancellationToken ct) => uc.HandleAsync(ct))
            .WithTags("组织机构").WithSummary("组织机构树").Produces<List<Item>>();
}
