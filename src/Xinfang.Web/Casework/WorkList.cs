using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// 待办: the items an organisation holds, by state and due date, earliest due first. Served by the
/// (current organisation, state, due) and (current organisation, due) indexes — never a scan.
/// </summary>
public sealed class WorkList(CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public sealed record Page(int Total, int PageNumber, int PageSize, IReadOnlyList<PetitionSummary> Items);

    public async Task<IResult> HandleAsync(Guid organizationId, PetitionState? state, DateOnly? dueBy, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (state is { } s && !Enum.IsDefined(s))
        {
            errors.Add("state", "状态无效");
        }

        errors.Date(dueBy, "dueBy", "到期日");
        if (page is < 1 or > 100_000)
        {
            errors.Add("page", "页码无效");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"每页1至{MaxPageSize}条");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        if (organizationId != staff.OrganizationId)
        {
            return Answers.Forbidden("只能查看本单位的待办");
        }

        // The organisation's items, less those this officer may not see (回避, Art. 28).
        var query = Query(guard.Petitions, organizationId, state, dueBy);
        var size = pageSize ?? 50;
        var number = page ?? 1;
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var rows = await Project(query.Skip((number - 1) * size).Take(size)).ToListAsync(ct);
        var total = await query.CountAsync(ct);
        return TypedResults.Ok(new Page(total, number, size, rows.Select(r => r.ToSummary(today, staff.Role)).ToList()));
    }

    /// <summary>The work list query, shared with the query-plan test so the plan tested is the plan served.</summary>
    /// <remarks>
    /// <paramref name="petitions"/> is the caller's scope (<see cref="PetitionGuard.Petitions"/>): the
    /// API and the <c>/workbench</c> page both pass it, so neither lists an item the caller may not see
    /// (回避, Art. 28; the accused unit, Art. 30 ¶3).
    /// </remarks>
    public static IQueryable<Petition> Query(IQueryable<Petition> petitions, Guid organizationId, PetitionState? state, DateOnly? dueBy)
    {
        var query = petitions.AsNoTracking().Where(p => p.CurrentOrganizationId == organizationId);
        if (state is { } s)
        {
            query = query.Where(p => p.State == s);
        }
        else
        {
            // 待办 is what is still to do: finished items (不予受理, 不再受理, 释法引导, 办结) are listed
            // only when asked for by state.
            query = query.Where(p => p.State != PetitionState.Declined && p.State != PetitionState.RefusedAgain
                && p.State != PetitionState.GuidedToPoliticalLegal && p.State != PetitionState.Closed);
        }

        if (dueBy is { } d)
        {
            var limit = DeadlineTime.EndOfDay(d).UtcDateTime;
            query = query.Where(p => p.CurrentDueAtUtc <= limit);
        }

        return query.OrderBy(p => p.CurrentDueAtUtc).ThenBy(p => p.Id);
    }

    public static IQueryable<Row> Project(IQueryable<Petition> query) =>
        query.Select(p => new Row(p.Id, p.Number, p.Title, p.Form, p.State, p.RegisteredAt, p.CurrentDueOn, p.Urgent, p.CurrentOrganizationId));

    public sealed record Row(Guid Id, string Number, string Title, PetitionForm Form, PetitionState State, DateTimeOffset RegisteredAt, DateOnly? CurrentDueOn, bool Urgent, Guid CurrentOrganizationId)
    {
        /// <summary>
        /// The row as a list shows it. An ID or phone number typed into the title is masked for a role
        /// that may not reveal personal data (issue 9 finding 10; the rule is <see cref="PetitionRules.MayRevealPersonalData"/>).
        /// </summary>
        public PetitionSummary ToSummary(DateOnly today, StaffRole viewer) => new(Id, Number,
            PetitionRules.MayRevealPersonalData(viewer) ? Title : Domain.Common.PersonalDataInText.Mask(Title), Form.ToString(), State.ToString(), Lifecycle.NameOf(State), RegisteredAt, CurrentDueOn, CurrentDueOn < today, Urgent, CurrentOrganizationId);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/organizations/{organizationId:guid}/worklist",
                (Guid organizationId, PetitionState? state, DateOnly? dueBy, int? page, int? pageSize, WorkList uc, CancellationToken ct) =>
                    uc.HandleAsync(organizationId, state, dueBy, page, pageSize, ct))
            .WithSummary("本单位待办（按状态、到期日筛选）").Produces<Page>().ProducesProblem(StatusCodes.Status403Forbidden);
}
