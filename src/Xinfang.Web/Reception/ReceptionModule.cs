using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Reception;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reception;

/// <summary>
/// 领导接访 (issue 14, 条例 Art. 18 ¶2–3, ADR 0114): schedules by leader, place, time and kind, published on the
/// portal's 信访公开; sessions with their attendance and the visitors received, registered as items linked to the
/// session (<c>reception_session_items</c>); figures of sessions, 批 and 人次. Pages <c>/reception</c>, <c>/reception/{id}</c>.
/// </summary>
public static class ReceptionModule
{
    public static WebApplicationBuilder AddReception(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReceptionDesk>();
        builder.Services.AddScoped<ReceptionFigures>();
        return builder;
    }

    public static void MapReception(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reception").RequireAuthorization().DisableAntiforgery().WithTags("领导接访");
        api.MapGet("/sessions", async (string? organization, string? from, string? to, ReceptionDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var today = DeadlineTime.LocalDate(clock.GetUtcNow());
            Guid? org = null;
            if (!string.IsNullOrWhiteSpace(organization))
            {
                org = Guid.TryParse(organization, out var g) ? g : null;
                if (org is null)
                {
                    errors.Add("organization", "机构编号格式无效");
                }
            }

            var start = Day(from, "from", "开始日期", today.AddDays(-30), errors);
            var end = Day(to, "to", "结束日期", today.AddDays(90), errors);
            if (start is { } a && end is { } b && a > b)
            {
                errors.Add("from", "开始日期不能晚于结束日期");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            return await desk.ListAsync(org, start!.Value, end!.Value, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("领导接访由登记人员、管理员、领导和督查人员查看");
        })
            .WithSummary("领导接访安排（本辖区，按时间；from/to 默认前30天至后90天）")
            .Produces<IReadOnlyList<ReceptionSessionView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/sessions", async (ReceptionDesk.PlanRequest r, ReceptionDesk desk, CancellationToken ct) => (await desk.PlanAsync(r, ct)).ToResult(created: true))
            .WithSummary("安排领导接访：接访领导（姓名、职务）、地点、时间、方式（本机关登记人员或管理员）")
            .Produces<ReceptionSessionView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/sessions/{id:guid}", async (Guid id, ReceptionDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } s ? Results.Ok(s) : Answers.NotFound("接访"))
            .WithSummary("一次领导接访：参加人员、接待的来访（编号和标题）、批次和人次")
            .Produces<ReceptionSessionView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions/{id:guid}/attendance", async (Guid id, ReceptionDesk.AttendanceRequest r, ReceptionDesk desk, CancellationToken ct) => (await desk.RecordAttendanceAsync(id, r, ct)).ToResult())
            .WithSummary("记录参加接访的人员（领导、律师、工作人员：姓名和身份）")
            .Produces<ReceptionSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/move", async (Guid id, ReceptionDesk.MoveRequest r, ReceptionDesk desk, CancellationToken ct) => (await desk.MoveAsync(id, r, ct)).ToResult())
            .WithSummary("接访改期：新的时间（和地点），须写明理由；只限尚未举行的接访（公开页显示新时间和原定时间）")
            .Produces<ReceptionSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/cancel", async (Guid id, ReceptionDesk.CancelRequest r, ReceptionDesk desk, CancellationToken ct) => (await desk.CancelAsync(id, r, ct)).ToResult())
            .WithSummary("取消领导接访，须写明理由；已接待来访人或已举行的不能取消（公开页标注“已取消”）")
            .Produces<ReceptionSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/held", async (Guid id, ReceptionDesk desk, CancellationToken ct) => (await desk.MarkHeldAsync(id, ct)).ToResult())
            .WithSummary("标记为已接访（当天或之后）")
            .Produces<ReceptionSessionView>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/visitors", async (Guid id, RegisterPetition.Request r, ReceptionDesk desk, CancellationToken ct) =>
            {
                var outcome = await desk.RegisterVisitorAsync(id, r, ct);
                return outcome.Registered is { } done ? TypedResults.Created($"/api/petitions/{done.Id}", done) : outcome.Refused!.ToResult();
            })
            .WithSummary("登记接访中的来访人：作为走访信访件登记，并与本次接访关联")
            .Produces<RegisterPetition.Response>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/figures", async (string? organization, string? from, string? to, ReceptionFigures figures, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var scope = StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
            if (errors.Any || scope is null)
            {
                return errors.Problem();
            }

            try
            {
                return Results.Ok(await figures.ComputeAsync(scope, ct));
            }
            catch (StatisticsAccessDenied denied)
            {
                return Answers.Forbidden(denied.Message);
            }
        })
            .WithSummary("领导接访统计：接访场次、接待批次和人次（按方式、按机关；机构及下属机构、统计期间）")
            .Produces<ReceptionFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The <c>reception_sessions</c>, <c>reception_attendees</c> and <c>reception_session_items</c> tables (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<ReceptionSession>(s =>
        {
            s.ToTable("reception_sessions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.LeaderName).HasMaxLength(ReceptionSession.MaxNameLength);
            s.Property(x => x.LeaderPost).HasMaxLength(ReceptionSession.MaxNameLength);
            s.Property(x => x.Place).HasMaxLength(ReceptionSession.MaxPlaceLength);
            s.Property(x => x.Topic).HasMaxLength(ReceptionSession.MaxTopicLength);
            s.Property(x => x.PlannedBy).HasMaxLength(100);
            s.Property(x => x.HeldBy).HasMaxLength(100);
            s.Property(x => x.PreviousPlace).HasMaxLength(ReceptionSession.MaxPlaceLength);
            s.Property(x => x.MoveReason).HasMaxLength(ReceptionSession.MaxReasonLength);
            s.Property(x => x.MovedBy).HasMaxLength(100);
            s.Property(x => x.CancellationReason).HasMaxLength(ReceptionSession.MaxReasonLength);
            s.Property(x => x.CancelledBy).HasMaxLength(100);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.Ignore(x => x.Day);
            s.OwnsMany(x => x.Attendees, a =>
            {
                a.ToTable("reception_attendees");
                a.WithOwner().HasForeignKey("SessionId");
                a.Property<int>("Id");
                a.HasKey("Id");
                a.Property(x => x.Name).HasMaxLength(ReceptionSession.MaxNameLength);
                a.Property(x => x.Role).HasMaxLength(ReceptionSession.MaxNameLength);
            });
            s.Navigation(x => x.Attendees).UsePropertyAccessMode(PropertyAccessMode.Field);
            s.HasIndex(x => new { x.OrganizationId, x.StartsAt });
        });
        builder.Entity<ReceptionSessionItem>(i =>
        {
            i.ToTable("reception_session_items");
            i.HasKey(x => new { x.SessionId, x.PetitionId });
            i.HasOne<ReceptionSession>().WithMany().HasForeignKey(x => x.SessionId);
            i.HasIndex(x => x.PetitionId);
        });
    }

    private static DateOnly? Day(string? text, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为yyyy-MM-dd");
            return null;
        }

        errors.Date(day, field, label);
        return DateInput.Contains(day) ? day : null;
    }
}
