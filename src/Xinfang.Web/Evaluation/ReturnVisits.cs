using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Evaluation;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Evaluation;

/// <summary>A 回访 as staff see it.</summary>
internal sealed record ReturnVisitView(
    Guid Id,
    Guid PetitionId,
    string PetitionNumber,
    Guid OrganizationId,
    string? OrganizationName,
    string RatedBody,
    string RatedBodyName,
    string DissatisfiedReason,
    DateOnly OpenedOn,
    bool IsOpen,
    DateOnly? VisitedOn,
    string? VisitedBy,
    string? Method,
    string? MethodName,
    string? Result,
    string? PetitionerView,
    string? RecordedByName)
{
    public static ReturnVisitView From(ReturnVisit v, IReadOnlyDictionary<Guid, string> names) => new(
        v.Id, v.PetitionId, v.PetitionNumber, v.OrganizationId, names.GetValueOrDefault(v.OrganizationId), v.RatedBody.ToString(), ReturnVisit.NameOf(v.RatedBody),
        v.DissatisfiedReason, v.OpenedOn, v.IsOpen, v.VisitedOn, v.VisitedBy, v.Method?.ToString(), v.Method is { } m ? ReturnVisit.NameOf(m) : null,
        v.Result, v.PetitionerView, v.RecordedByName);
}

/// <summary>
/// 回访 after a 不满意 rating (domain.md §8): a body lists the visits it owes, and records the result
/// (date, by whom, how, what came of it, the petitioner's view afterwards). Who may do so is asked of
/// the authorization rule (<see cref="PetitionOperation.RecordReturnVisit"/>), narrowed to the body rated.
/// </summary>
internal sealed class ReturnVisits(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxListed = 500;

    public sealed record ResultRequest(DateOnly? VisitedOn, string? VisitedBy, ReturnVisitMethod? Method, string? Result, string? PetitionerView);

    /// <summary>The body's visits (open ones unless <paramref name="open"/> is false), on items the caller may see.</summary>
    public async Task<IResult> ListAsync(bool? open, CancellationToken ct)
    {
        var org = staff.OrganizationId;
        var visible = guard.Petitions.Select(p => p.Id);
        var query = db.Set<ReturnVisit>().AsNoTracking().Where(v => v.OrganizationId == org && visible.Contains(v.PetitionId));
        query = open == false ? query.Where(v => v.VisitedOn != null) : query.Where(v => v.VisitedOn == null);
        var rows = await query.OrderBy(v => v.OpenedOn).ThenBy(v => v.Id).Take(MaxListed).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(rows, ct));
    }

    /// <summary>The visits of one item, for its page and its API; null when the caller may not see the item.</summary>
    public async Task<IReadOnlyList<ReturnVisitView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        var petition = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return null;
        }

        var rows = await db.Set<ReturnVisit>().AsNoTracking().Where(v => v.PetitionId == petitionId).OrderBy(v => v.OpenedOn).ThenBy(v => v.Id).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    public async Task<IResult> RecordAsync(Guid id, ResultRequest r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Text(r.VisitedBy, "visitedBy", "回访人", 200)
            .Defined(r.Method, "method", "回访方式")
            .Text(r.Result, "result", "回访情况", ReturnVisit.MaxTextLength)
            .Text(r.PetitionerView, "petitionerView", "信访人回访后意见", ReturnVisit.MaxTextLength);
        if (r.VisitedOn is null)
        {
            errors.Add("visitedOn", "回访日期不能为空");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var visit = await db.Set<ReturnVisit>().SingleOrDefaultAsync(v => v.Id == id, ct);
        var petition = visit is null ? null : await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == visit.PetitionId, ct);
        if (visit is null || petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return Answers.NotFound("回访任务");
        }

        if (!await guard.MayAsync(petition, PetitionOperation.RecordReturnVisit) || staff.OrganizationId != visit.OrganizationId)
        {
            return Answers.Forbidden("只有被评价为不满意的单位可以登记回访结果");
        }

        var now = clock.GetUtcNow();
        visit.RecordResult(r.VisitedOn!.Value, r.VisitedBy!, r.Method!.Value, r.Result!, r.PetitionerView!, staff.Actor, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync([visit], ct))[0]);
    }

    private async Task<IReadOnlyList<ReturnVisitView>> ViewsAsync(IReadOnlyList<ReturnVisit> rows, CancellationToken ct)
    {
        var names = await OrganizationNames.LoadAsync(db, rows.Select(v => v.OrganizationId), ct);
        return rows.Select(v => ReturnVisitView.From(v, names)).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/return-visits", (bool? open, ReturnVisits uc, CancellationToken ct) => uc.ListAsync(open, ct))
            .WithSummary("本单位的回访任务（不满意评价后，默认列出未回访的）").Produces<IReadOnlyList<ReturnVisitView>>();
        api.MapPost("/return-visits/{id:guid}/result", (Guid id, ResultRequest r, ReturnVisits uc, CancellationToken ct) => uc.RecordAsync(id, r, ct))
            .WithSummary("登记回访结果").Produces<ReturnVisitView>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/petitions/{id:guid}/return-visits", async (Guid id, ReturnVisits uc, CancellationToken ct) =>
                await uc.OfPetitionAsync(id, ct) is { } visits ? TypedResults.Ok(visits) : Answers.NotFound())
            .WithSummary("信访件的回访记录").Produces<IReadOnlyList<ReturnVisitView>>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
