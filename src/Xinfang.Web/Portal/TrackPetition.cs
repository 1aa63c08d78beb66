using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Data;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// The petitioner's side (domain.md §8): with the number and the query code — nothing else — see
/// progress, deadlines and the documents addressed to them, and rate the bureau and the unit.
/// A wrong code and an unknown number give the same answer, so numbers cannot be probed.
/// </summary>
public sealed class TrackPetition(AppDbContext db, PetitionerKey key, TimeProvider clock, Evaluation.Ratings ratings)
{
    public sealed record Request(string? Number, string? QueryCode);

    public sealed record RateRequest(string? Number, string? QueryCode, Satisfaction? Bureau, string? BureauReason, Satisfaction? Unit, string? UnitReason);

    /// <summary>A step as the petitioner sees it: when it was recorded and the day it happened.</summary>
    public sealed record Step(DateTimeOffset At, string Action, string Summary, DateOnly OccurredOn);

    public sealed record Progress(
        string Number,
        string Title,
        string StateName,
        DateOnly ReceivedOn,
        string? CurrentOrganizationName,
        DateOnly? CurrentDueOn,
        bool CanRate,
        string? EvaluationStatus,
        string EvaluationStatusName,
        IReadOnlyList<Step> Steps,
        IReadOnlyList<DocumentView> Documents);

    /// <summary>For the portal page: the progress, or null when the number or the code is wrong.</summary>
    public async Task<Progress?> LookupAsync(string? number, string? code, CancellationToken ct)
    {
        var (petition, problem) = await FindAsync(number, code, ct);
        return problem is null ? await ProgressOfAsync(petition!, ct) : null;
    }

    // ── trust-surface (issue 4): the page learns when it must ask the client to wait (429) ──
    /// <summary>For the portal page: the progress (null when the number or code is wrong), or how long to wait.</summary>
    public async Task<(Progress? Progress, TimeSpan? RetryAfter)> LookupOrWaitAsync(string? number, string? code, CancellationToken ct)
    {
        var (petition, problem) = await FindAsync(number, code, ct);
        return problem switch
        {
            null => (await ProgressOfAsync(petition!, ct), null),
            TooManyRequests wait => (null, wait.RetryAfter),
            _ => (null, null),
        };
    }
    // ── end trust-surface ──

    public async Task<IResult> QueryAsync(Request r, CancellationToken ct)
    {
        var (petition, problem) = await FindAsync(r.Number, r.QueryCode, ct);
        return problem ?? TypedResults.Ok(await ProgressOfAsync(petition!, ct));
    }

    public async Task<IResult> RateAsync(RateRequest r, CancellationToken ct)
    {
        var errors = RecordRating.Validate(new RecordRating.Request(r.Bureau, r.BureauReason, r.Unit, r.UnitReason));
        if (errors.Any)
        {
            return errors.Problem();
        }

        var (petition, problem) = await FindAsync(r.Number, r.QueryCode, ct);
        if (problem is not null)
        {
            return problem;
        }

        ratings.Rate(petition!, r.Bureau, r.BureauReason, r.Unit, r.UnitReason, Actor.Petitioner(petition!.CurrentOrganizationId), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ProgressOfAsync(petition, ct));
    }

    private Task<(Petition? Petition, IResult? Problem)> FindAsync(string? number, string? code, CancellationToken ct) => key.OpenAsync(number, code, ct);

    private async Task<Progress> ProgressOfAsync(Petition p, CancellationToken ct)
    {
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == p.CurrentOrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        // Only what is addressed to the petitioner: the domain decides (ViewForPetitioner), not this page.
        var view = ViewForPetitioner.Of(p);
        var steps = view.Steps.Select(h => new Step(h.At, PetitionDetail.HistoryActionName(h.Action), h.Summary, h.OccurredOn)).ToList();
        var docs = view.Documents.Select(d => new DocumentView(d.Id, d.Kind.ToString(), d.Title, d.Body, d.IssuedOn, true)).ToList();
        // domain.md §8: the domain says whether a rating can still be taken (window, 不参评), closed or not.
        var canRate = Lifecycle.IsAllowed(p.State, PetitionAction.Rate) && EvaluationRules.RefusalOfRating(p, today) is null && (p.BureauRating is null || p.UnitRating is null);
        var evaluation = p.EvaluationStatusOn(today);
        return new Progress(p.Number, p.Title, Lifecycle.NameOf(p.State), p.ReceivedOn, org, p.CurrentDueOn, canRate, evaluation?.ToString(), EvaluationRules.NameOf(evaluation), steps, docs);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").AllowAnonymous().WithTags("信访人查询评价").DisableAntiforgery();
        group.MapPost("/progress", (Request r, TrackPetition uc, CancellationToken ct) => uc.QueryAsync(r, ct))
            .WithSummary("凭编号和查询码查询办理进展").Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/rating", (RateRequest r, TrackPetition uc, CancellationToken ct) => uc.RateAsync(r, ct))
            .WithSummary("信访人评价信访部门和责任单位").Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
