using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// Find items by number, petitioner name, phone or ID number — only among the items the caller may
/// see (domain.md §12: nothing reaches past the scope; the rule is Identity/PetitionAuthorization.cs).
/// Each lookup is an index seek: the number's unique index, or the petitioners' name index or
/// phone/ID blind-index column then the primary key. Phone and ID are stored encrypted, so they are
/// found by their keyed hash (issue 4, ADR 0041), never compared as plaintext.
/// </summary>
public sealed class SearchPetitions(PetitionGuard guard, CurrentStaff staff, TimeProvider clock, Privacy.BlindIndex blindIndex)
{
    public const int MaxResults = 100;

    public async Task<IResult> HandleAsync(string? number, string? name, string? phone, string? idNumber, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Text(number, "number", "编号", 48, required: false)
            .Text(name, "name", "姓名", 50, required: false)
            .Text(idNumber, "idNumber", "证件号码", 32, required: false);
        if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumber.IsValid(phone))
        {
            errors.Add("phone", "电话号码不正确");
        }

        if (string.IsNullOrWhiteSpace(number) && string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(idNumber))
        {
            errors.Add("number", "请输入编号、姓名、电话或证件号码");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = Query(guard.Petitions, number?.Trim(), name?.Trim(), blindIndex.OfPhone(phone), blindIndex.OfIdNumber(idNumber));
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var rows = await WorkList.Project(query.OrderByDescending(p => p.RegisteredAt).Take(MaxResults)).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => r.ToSummary(today, staff.Role)).ToList());
    }

    /// <summary>
    /// The lookup itself, shared with the query-plan test. Phone and ID come as their blind-index keys
    /// (<see cref="Privacy.BlindIndex.OfPhone"/>, <see cref="Privacy.BlindIndex.OfIdNumber"/>).
    /// </summary>
    public static IQueryable<Petition> Query(IQueryable<Petition> petitions, string? number, string? name, string? phoneKey, string? idNumberKey = null)
    {
        var query = petitions.AsNoTracking();
        if (!string.IsNullOrEmpty(number))
        {
            query = query.Where(p => p.Number == number);
        }

        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(p => p.Petitioners.Any(x => x.Name == name));
        }

        // Issue 4: phone and ID by their blind-index columns (the stored values are ciphertext).
        if (!string.IsNullOrEmpty(phoneKey))
        {
            query = query.Where(p => p.Petitioners.Any(x => EF.Property<string>(x, Privacy.PersonalDataModel.PhoneIndex) == phoneKey));
        }

        if (!string.IsNullOrEmpty(idNumberKey))
        {
            query = query.Where(p => p.Petitioners.Any(x => EF.Property<string>(x, Privacy.PersonalDataModel.IdNumberIndex) == idNumberKey));
        }

        return query;
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/search", (string? number, string? name, string? phone, string? idNumber, SearchPetitions uc, CancellationToken ct) => uc.HandleAsync(number, name, phone, idNumber, ct))
            .WithSummary("按编号、信访人姓名、电话或证件号码查找").Produces<List<PetitionSummary>>();
        MapPostSearch(group);
    }

    /// <summary>Issue 4: the same search with the terms in the body, so a phone or ID number never lands in URLs and access logs.</summary>
    public sealed record Request(string? Number, string? Name, string? Phone, string? IdNumber);

    private static void MapPostSearch(RouteGroupBuilder group) =>
        group.MapPost("/search", (Request r, SearchPetitions uc, CancellationToken ct) => uc.HandleAsync(r.Number, r.Name, r.Phone, r.IdNumber, ct))
            .WithSummary("按编号、信访人姓名、电话或证件号码查找（查询条件在请求体中，不进入网址和访问日志）").Produces<List<PetitionSummary>>();
}
