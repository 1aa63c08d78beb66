using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.CoHandling;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.CoHandling;

/// <summary>
/// 主办/协办 (issue 14): several bodies on one item — the 主办 (the body holding it) answers, 协办 units each have a task, a
/// deadline and their 意见. On the petition page (<c>CoHandlingPanel</c>), the work list (<c>wait=cohandling</c>), the dashboard
/// and the annual report (<see cref="CoHandlingFigures"/>); API under <c>/api/petitions/{id}/co-handlers</c> (ADR 0146).
/// </summary>
public static class CoHandlingModule
{
    public static WebApplicationBuilder AddCoHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CoHandlingDesk>();
        return builder;
    }

    public static void MapCoHandling(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/petitions/{id:guid}/co-handlers").RequireAuthorization().DisableAntiforgery().WithTags("主办协办");
        api.MapGet("", async (Guid id, CoHandlingDesk desk, CancellationToken ct) => await desk.OfPetitionAsync(id, ct) is { } list ? Results.Ok(list) : Answers.NotFound())
            .WithSummary("一件信访件的协办单位、协办任务、期限和协办意见")
            .Produces<IReadOnlyList<CoHandlingView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", async (Guid id, CoHandlingDesk.NameRequest r, CoHandlingDesk desk, CancellationToken ct) => (await desk.NameAsync(id, r, ct)).ToResult(created: true))
            .WithSummary("确定协办单位：协办任务和协办期限（不晚于信访件的办理期限；本辖区信访部门登记人员）")
            .Produces<CoHandlingView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{taskId:guid}/feedback", async (Guid id, Guid taskId, CoHandlingDesk.FeedbackRequest r, CoHandlingDesk desk, CancellationToken ct) =>
                (await desk.FeedbackAsync(id, taskId, r, ct)).ToResult())
            .WithSummary("协办意见（协办单位；办结前可再次反馈以修改）")
            .Produces<CoHandlingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{taskId:guid}/done", async (Guid id, Guid taskId, CoHandlingDesk desk, CancellationToken ct) => (await desk.DoneAsync(id, taskId, ct)).ToResult())
            .WithSummary("协办办结（协办单位；须已反馈协办意见）")
            .Produces<CoHandlingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{taskId:guid}/withdraw", async (Guid id, Guid taskId, CoHandlingDesk.ReasonRequest r, CoHandlingDesk desk, CancellationToken ct) =>
                (await desk.WithdrawAsync(id, taskId, r, ct)).ToResult())
            .WithSummary("撤回协办任务（本辖区信访部门登记人员，须说明理由）")
            .Produces<CoHandlingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{taskId:guid}/proceed", async (Guid id, Guid taskId, CoHandlingDesk.ReasonRequest r, CoHandlingDesk desk, CancellationToken ct) =>
                (await desk.ProceedAsync(id, taskId, r, ct)).ToResult())
            .WithSummary("主办单位记录不待该协办单位意见即报送处理意见的理由")
            .Produces<CoHandlingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/co-handling/figures", (string? organization, string? from, string? to, PetitionGuard guard, OrganizationDirectory directory, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                FiguresAsync(organization, from, to, guard, directory, db, clock, ct))
            .RequireAuthorization().WithTags("主办协办")
            .WithSummary("协办统计：期间内有协办的信访件数、协办任务按期办结、逾期办结、逾期未办结（本机构及下级机构）")
            .Produces<CoHandlingCounts>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The statistics API's period and organisation rules and readers (<see cref="Statistics.StatisticsEndpoints.ScopeOf"/>).</summary>
    private static async Task<IResult> FiguresAsync(string? organization, string? from, string? to, PetitionGuard guard, OrganizationDirectory directory, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (guard.Staff is not { } staff || !Reports.StatisticsAccess.MayRead(staff.Role))
        {
            return Answers.Forbidden(Reports.StatisticsAccess.NotAllowed);
        }

        var errors = new RequestErrors();
        var scope = Statistics.StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
        if (scope is null)
        {
            return errors.Problem();
        }

        if (!directory.Contains(scope.OrganizationId) || !directory.IsWithin(scope.OrganizationId, staff.OrganizationId))
        {
            return Answers.Forbidden(Reports.StatisticsAccess.OutsideSubtree);
        }

        return Results.Ok(await CoHandlingFigures.CountAsync(db, directory, scope, CoHandlingView.Today(clock), ct));
    }

    /// <summary>The <c>co_handling_tasks</c> table (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<CoHandlingTask>(t =>
        {
            t.ToTable("co_handling_tasks");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.PetitionNumber).HasMaxLength(48);
            t.Property(x => x.OrganizationName).HasMaxLength(100);
            t.Property(x => x.LeadOrganizationName).HasMaxLength(100);
            t.Property(x => x.NamedBy).HasMaxLength(100);
            t.Property(x => x.FeedbackBy).HasMaxLength(100);
            t.Property(x => x.Task).HasMaxLength(CoHandlingTask.MaxTaskLength);
            t.Property(x => x.Feedback).HasMaxLength(CoHandlingTask.MaxFeedbackLength);
            t.Property(x => x.WithdrawnBecause).HasMaxLength(CoHandlingTask.MaxReasonLength);
            t.Property(x => x.LeadProceedsBecause).HasMaxLength(CoHandlingTask.MaxReasonLength);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.Ignore(x => x.Status);
            t.Ignore(x => x.IsOpen);
            t.Ignore(x => x.DoneOnTime);
            t.Ignore(x => x.HoldsTheAnswer);
            // One open task per unit and item: the key is the item's id while open, null after 办结/撤回 (nulls never collide).
            t.HasIndex(x => new { x.ActiveKey, x.OrganizationId }).IsUnique();
            t.HasIndex(x => x.PetitionId);
            // The read rule (PetitionGuard) and the work list ask by the 协办 unit.
            t.HasIndex(x => new { x.OrganizationId, x.PetitionId });
            t.HasIndex(x => new { x.NamedByOrganizationId, x.NamedOn });
        });
    }
}
