using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.JointMeetings;
using Xinfang.Web.Common;
using Xinfang.Web.Duty;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.JointMeetings;

/// <summary>
/// 联席会议议定事项 (issue 14, domain.md §10; 条例 Art. 12 ¶2, 13; ADR 0151): meetings, decisions with an owner body and a
/// deadline, progress and completion, open/overdue/done lists, figures. Pages <c>/joint-meetings</c>,
/// <c>/joint-meetings/{id}</c>, <c>/joint-meetings/decisions</c>; API <c>/api/joint-meetings</c>.
/// </summary>
public static class JointMeetingsModule
{
    public static WebApplicationBuilder AddJointMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<JointMeetingDesk>();
        return builder;
    }

    public static void MapJointMeetings(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/joint-meetings").RequireAuthorization().DisableAntiforgery().WithTags("联席会议议定事项");
        api.MapGet("/", async (JointMeetingDesk desk, CancellationToken ct) => Results.Ok(await desk.ListAsync(ct)))
            .WithSummary("本辖区召开的联席会议及其议定事项")
            .Produces<IReadOnlyList<JointMeetingView>>();
        api.MapPost("/", async (JointMeetingDesk.MeetingRequest r, JointMeetingDesk desk, CancellationToken ct) => (await desk.RecordAsync(r, ct)).ToResult(v => $"/api/joint-meetings/{v.Id}"))
            .WithSummary("记录一次联席会议：日期和议题（召开机关为本机关）")
            .Produces<JointMeetingView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:guid}", async (Guid id, JointMeetingDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } m ? Results.Ok(m) : Answers.NotFound("联席会议"))
            .WithSummary("一次联席会议及其议定事项")
            .Produces<JointMeetingView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/decisions", async (Guid id, JointMeetingDesk.DecisionRequest r, JointMeetingDesk desk, CancellationToken ct) =>
                (await desk.DecideAsync(id, r, ct)).ToResult(v => $"/api/joint-meetings/decisions/{v.Id}"))
            .WithSummary("记录议定事项：内容、落实单位（本辖区）、落实期限，可关联信访件编号")
            .Produces<DecisionView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/decisions", async (string? status, JointMeetingDesk desk, CancellationToken ct) =>
            {
                if (status is not (null or "" or "open" or "overdue" or "done"))
                {
                    return new RequestErrors().Add("status", "status 应为 open、overdue 或 done").Problem();
                }

                return Results.Ok(await desk.DecisionsAsync(status, ct));
            })
            .WithSummary("本辖区的议定事项：落实中（open，默认）、逾期未落实（overdue）或已落实（done）")
            .Produces<IReadOnlyList<DecisionView>>().ProducesValidationProblem();
        api.MapGet("/decisions/{id:guid}", async (Guid id, JointMeetingDesk desk, CancellationToken ct) => await desk.FindDecisionAsync(id, ct) is { } d ? Results.Ok(d) : Answers.NotFound("议定事项"))
            .WithSummary("一项议定事项及其落实情况")
            .Produces<DecisionView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/decisions/{id:guid}/notes", async (Guid id, JointMeetingDesk.NoteRequest r, JointMeetingDesk desk, CancellationToken ct) => (await desk.NoteAsync(id, r, ct)).ToResult())
            .WithSummary("报送落实情况（落实单位或召开会议的机关）")
            .Produces<DecisionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/decisions/{id:guid}/done", async (Guid id, JointMeetingDesk.NoteRequest r, JointMeetingDesk desk, CancellationToken ct) => (await desk.CompleteAsync(id, r, ct)).ToResult())
            .WithSummary("标记已落实，并写明落实结果")
            .Produces<DecisionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/figures", async (string? organization, string? from, string? to, PetitionGuard guard, OrganizationDirectory directory, Data.AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                var scope = StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
                if (errors.Any || scope is null)
                {
                    return errors.Problem();
                }

                return DutyModule.Refusal(guard, directory, scope) is { } no ? no
                    : Results.Ok(await JointMeetingFigures.ComputeAsync(db, directory, scope, DeadlineTime.LocalDate(clock.GetUtcNow()), ct));
            })
            .WithSummary("联席会议议定事项统计：会议次数、议定事项、已落实（其中逾期落实）、逾期未落实、落实中")
            .Produces<JointMeetingFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The <c>joint_meetings</c>, <c>meeting_decisions</c> and <c>meeting_decision_notes</c> tables.</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<JointMeeting>(m =>
        {
            m.ToTable("joint_meetings");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Topic).HasMaxLength(JointMeeting.MaxTopicLength);
            m.Property(x => x.RecordedBy).HasMaxLength(100);
            m.HasIndex(x => new { x.OrganizationId, x.HeldOn });
        });
        builder.Entity<MeetingDecision>(d =>
        {
            d.ToTable("meeting_decisions");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Text).HasMaxLength(MeetingDecision.MaxTextLength);
            d.Property(x => x.DecidedBy).HasMaxLength(100);
            d.Property(x => x.DoneBy).HasMaxLength(100);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.Version).IsConcurrencyToken();
            DutyModule.IdList(d.Property(x => x.PetitionIds));
            d.HasOne<JointMeeting>().WithMany().HasForeignKey(x => x.MeetingId);
            d.HasIndex(x => new { x.OwnerOrganizationId, x.Status });
            d.HasIndex(x => new { x.ConvenedByOrganizationId, x.Status });
            d.OwnsMany(x => x.Notes, n =>
            {
                n.ToTable("meeting_decision_notes");
                n.WithOwner().HasForeignKey("DecisionId");
                n.Property<int>("Id");
                n.HasKey("Id");
                n.Property(x => x.Text).HasMaxLength(MeetingDecision.MaxNoteLength);
                n.Property(x => x.By).HasMaxLength(100);
            });
            d.Navigation(x => x.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }
}
