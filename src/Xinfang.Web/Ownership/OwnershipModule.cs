using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Ownership;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Ownership;

/// <summary>
/// 领导包案 (issue 14, 条例 Art. 18 ¶2): the bureau assigns an item to a leader; the leader keeps a plan, milestones,
/// progress notes and the outcome; 包案化解率. Pages: <c>/ownership</c> (the bureau), <c>/ownership/mine</c> (the
/// leader), <c>/ownership/{id}</c>; API under <c>/api/ownership</c>.
/// </summary>
public static class OwnershipModule
{
    public static WebApplicationBuilder AddOwnership(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OwnershipDesk>();
        return builder;
    }

    public static void MapOwnership(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ownership").RequireAuthorization().DisableAntiforgery().WithTags("领导包案");
        api.MapPost("", async (OwnershipDesk.AssignRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.AssignAsync(r, ct)).ToResult(created: true))
            .WithSummary("领导包案：信访部门将本辖区的信访件交由领导包案（登记人员、管理员）")
            .Produces<OwnershipView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("", async (bool? open, OwnershipDesk desk, CancellationToken ct) => await desk.ListAsync(open ?? false, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("只有领导和信访部门工作人员可以查看领导包案"))
            .WithSummary("领导包案：领导看本人包案的，信访部门看本辖区的（open=true 只看未办结的）")
            .Produces<IReadOnlyList<OwnershipView>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/leaders", async (OwnershipDesk desk, CancellationToken ct) => desk.MayAssign ? Results.Ok(await desk.LeadersAsync(ct)) : Answers.Forbidden("只有信访部门的登记人员或管理员可以安排领导包案"))
            .WithSummary("可以安排包案的领导（本机关及下级机关的领导账号）")
            .Produces<IReadOnlyList<LeaderChoice>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/figures", (string? organization, string? from, string? to, OwnershipDesk desk, PetitionGuard guard, OrganizationDirectory directory, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                FiguresAsync(organization, from, to, guard, directory, db, clock, ct))
            .WithSummary("包案统计：期间内包案件数、化解、未化解、在办及包案化解率（本机构及下级机构）")
            .Produces<OwnershipCounts>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/petition/{petitionId:guid}", async (Guid petitionId, OwnershipDesk desk, CancellationToken ct) =>
                await desk.OfPetitionAsync(petitionId, ct) is { } list ? Results.Ok(list) : Answers.NotFound())
            .WithSummary("一件信访件的领导包案").Produces<IReadOnlyList<OwnershipView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}", async (Guid id, OwnershipDesk desk, CancellationToken ct) =>
                await desk.GetAsync(id, ct) is { } view ? Results.Ok(view) : Answers.NotFound("包案"))
            .WithSummary("一件领导包案：方案、节点、进展和结果").Produces<OwnershipView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/milestones", async (Guid id, OwnershipDesk.MilestoneRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.AddMilestoneAsync(id, r, ct)).ToResult())
            .WithSummary("包案节点：名称和期限（包案领导）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/milestones/{milestoneId:guid}/done", async (Guid id, Guid milestoneId, OwnershipDesk.MilestoneDoneRequest r, OwnershipDesk desk, CancellationToken ct) =>
                (await desk.CompleteMilestoneAsync(id, milestoneId, r, ct)).ToResult())
            .WithSummary("包案节点完成（包案领导；完成日期默认今天）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/notes", async (Guid id, OwnershipDesk.NoteRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.AddNoteAsync(id, r, ct)).ToResult())
            .WithSummary("包案进展情况（包案领导；进展日期默认今天）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/outcome", async (Guid id, OwnershipDesk.OutcomeRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.RecordOutcomeAsync(id, r, ct)).ToResult())
            .WithSummary("包案结果：化解（Resolved）或未化解（Unresolved），只能记录一次（包案领导）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        MapBureauSteps(api);
    }

    /// <summary>改派 and 撤回 (issue 14): the bureau that assigns 包案 (registrars and administrators of a petition bureau).</summary>
    private static void MapBureauSteps(RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/reassign", async (Guid id, OwnershipDesk.ReassignRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.ReassignAsync(id, r, ct)).ToResult())
            .WithSummary("改派领导包案：在办的包案改由另一位领导包案，须写明理由（信访部门登记人员、管理员；已有结果的不能改派）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/withdraw", async (Guid id, OwnershipDesk.WithdrawRequest r, OwnershipDesk desk, CancellationToken ct) => (await desk.WithdrawAsync(id, r, ct)).ToResult())
            .WithSummary("撤回领导包案：在办的包案撤回，须写明理由，不计入包案化解率（信访部门登记人员、管理员；已有结果的不能撤回）")
            .Produces<OwnershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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

        return Results.Ok(await OwnershipFigures.CountAsync(db, directory, scope, ct));
    }

    /// <summary>The <c>case_ownerships</c> table and its milestones and notes (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<CaseOwnership>(o =>
        {
            o.ToTable("case_ownerships");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.PetitionNumber).HasMaxLength(48);
            o.Property(x => x.AssignedBy).HasMaxLength(100);
            o.Property(x => x.LeaderId).HasMaxLength(64);
            o.Property(x => x.LeaderName).HasMaxLength(100);
            o.Property(x => x.Plan).HasMaxLength(CaseOwnership.MaxPlanLength);
            o.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.OutcomeNote).HasMaxLength(CaseOwnership.MaxTextLength);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.Ignore(x => x.IsOpen);
            // One open 包案 per item: the key is the item's id while open, null after the outcome (nulls never collide).
            o.HasIndex(x => x.ActiveKey).IsUnique();
            o.HasIndex(x => new { x.PetitionId, x.LeaderId });
            o.HasIndex(x => new { x.LeaderId, x.AssignedAt });
            o.HasIndex(x => new { x.AssignedByOrganizationId, x.AssignedOn });
            o.HasIndex(x => new { x.LeaderOrganizationId, x.AssignedOn });
            o.OwnsMany(x => x.Milestones, m =>
            {
                m.ToTable("case_ownership_milestones");
                m.WithOwner().HasForeignKey("OwnershipId");
                m.HasKey(x => x.Id);
                m.Property(x => x.Id).ValueGeneratedNever();
                m.Property(x => x.Title).HasMaxLength(CaseOwnership.MaxMilestoneTitleLength);
            });
            o.Navigation(x => x.Milestones).HasField("_milestones");
            o.OwnsMany(x => x.Notes, n =>
            {
                n.ToTable("case_ownership_notes");
                n.WithOwner().HasForeignKey("OwnershipId");
                n.HasKey(x => x.Id);
                n.Property(x => x.Id).ValueGeneratedNever();
                n.Property(x => x.Text).HasMaxLength(CaseOwnership.MaxTextLength);
                n.Property(x => x.Author).HasMaxLength(100);
            });
            o.Navigation(x => x.Notes).HasField("_notes");
            o.Property(x => x.WithdrawnBy).HasMaxLength(100);
            o.Property(x => x.WithdrawalReason).HasMaxLength(CaseOwnership.MaxReasonLength);
            o.Ignore(x => x.IsWithdrawn);
            o.Ignore(x => x.StatusText);
            o.OwnsMany(x => x.Handovers, h =>
            {
                h.ToTable("case_ownership_handovers");
                h.WithOwner().HasForeignKey("OwnershipId");
                h.HasKey(x => x.Id);
                h.Property(x => x.Id).ValueGeneratedNever();
                h.Property(x => x.FromLeaderId).HasMaxLength(64);
                h.Property(x => x.FromLeaderName).HasMaxLength(100);
                h.Property(x => x.ToLeaderId).HasMaxLength(64);
                h.Property(x => x.ToLeaderName).HasMaxLength(100);
                h.Property(x => x.Reason).HasMaxLength(CaseOwnership.MaxReasonLength);
                h.Property(x => x.By).HasMaxLength(100);
            });
            o.Navigation(x => x.Handovers).HasField("_handovers");
        });
    }
}
