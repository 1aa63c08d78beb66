using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// Find items by number, petitioner name or phone — only among the items the caller may see
/// (domain.md §12: nothing reaches past the scope). Each lookup is an index
/// seek: the number's unique index, or the petitioners' name/phone index then the primary key.
/// </summary>
public sealed class SearchPetitions(AppDbContext db, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxResults = 100;

    public async Task<IResult> HandleAsync(string? number, string? name, string? phone, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Text(number, "number", "编号", 48, required: false)
            .Text(name, "name", "姓名", 50, required: false);
        if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumber.IsValid(phone))
        {
            errors.Add("phone", "电话号码不正确");
        }

        if (string.IsNullOrWhiteSpace(number) && string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(phone))
        {
            errors.Add("number", "请输入编号、姓名或电话");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = guard.Visible(Query(db, number?.Trim(), name?.Trim(), phone is null ? null : PhoneNumber.Normalize(phone)));
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var rows = await WorkList.Project(query.OrderByDescending(p => p.RegisteredAt).Take(MaxResults)).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => r.ToSummary(today)).ToList());
    }

    /// <summary>The lookup itself, shared with the query-plan test.</summary>
    public static IQueryable<Petition> Query(AppDbContext db, string? number, string? name, string? phone)
    {
        var query = db.Petitions.AsNoTracking();
        if (!string.IsNullOrEmpty(number))
        {
            query = query.Where(p => p.Number == number);
        }

        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(p => p.Petitioners.Any(x => x.Name == name));
        }

        if (!string.IsNullOrEmpty(phone))
        {
            query = query.Where(p => p.Petitioners.Any(x => x.Phone == phone));
        }

        return query;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/search", (string? number, string? name, string? phone, SearchPetitions uc, CancellationToken ct) => uc.HandleAsync(number, name, phone, ct))
            .WithSummary("按编号、信访人姓名或电话查找");
}
