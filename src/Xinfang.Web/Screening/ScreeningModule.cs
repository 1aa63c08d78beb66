using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Screening;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Screening;

/// <summary>
/// 矛盾纠纷排查化解 and 预警 (issue 14; 条例 Arts. 5(五), 10, 15 ¶3, 25 ¶1; ADR 0134): screening rounds of township and
/// village bodies with their findings by dispute kind, warnings about matters (never files on people) raised, assigned,
/// noted and closed on a clock by level, figures (排查率, disputes by kind, warnings). Pages <c>/screening</c>,
/// <c>/screening/rounds/{id}</c>, <c>/screening/warnings</c>, <c>/screening/warnings/{id}</c>; API <c>/api/screening</c>.
/// </summary>
public static class ScreeningModule
{
    public static WebApplicationBuilder AddScreening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The 条例 sets no days for warnings: a deployment's setting, checked at start (docs/domain/screening.md).
        var days = builder.Configuration.GetSection("Screening:WarningDays");
        var deadlines = new WarningDeadlines(
            days.GetValue("General", WarningDeadlines.Default.GeneralDays),
            days.GetValue("Major", WarningDeadlines.Default.MajorDays),
            days.GetValue("Serious", WarningDeadlines.Default.SeriousDays));
        if (!deadlines.IsValid)
        {
            throw new InvalidOperationException($"Screening:WarningDays must be 1–{WarningDeadlines.MaxDays} days each, Serious ≤ Major ≤ General.");
        }

        builder.Services.AddSingleton(deadlines);
        builder.Services.AddScoped<ScreeningDesk>();
        return builder;
    }

    public static void MapScreening(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screening").RequireAuthorization().DisableAntiforgery().WithTags("矛盾纠纷排查和预警");
        api.MapGet("/kinds", () => Results.Ok(DisputeKinds.All.Select(k => new KindEntry(k.ToString(), DisputeKinds.NameOf(k))).ToList()))
            .WithSummary("纠纷类别代码表")
            .Produces<List<KindEntry>>();
        api.MapGet("/rounds", async (string? from, string? to, ScreeningDesk desk, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var today = desk.Today;
            var start = FormDates.Day(from, "from", "开始日期", new DateOnly(today.Year, 1, 1), errors);
            var end = FormDates.Day(to, "to", "结束日期", today, errors);
            if (start is { } a && end is { } b && a > b)
            {
                errors.Add("from", "开始日期不能晚于结束日期");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            return await desk.ListRoundsAsync(start!.Value, end!.Value, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("本账号的角色不查看矛盾纠纷排查");
        })
            .WithSummary("矛盾纠纷排查记录（本辖区；排查期间开始于 from 至 to 之间，默认本年）")
            .Produces<IReadOnlyList<RoundView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/rounds", async (ScreeningDesk.RoundRequest r, ScreeningDesk desk, CancellationToken ct) =>
                (await desk.RecordRoundAsync(r, ct)).ToResult(v => $"/api/screening/rounds/{v.Id}"))
            .WithSummary("登记一次矛盾纠纷排查：乡镇（街道）或村（社区）、地点、期间、排查人员、按类别的发现数和去向")
            .Produces<RoundView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/rounds/{id:guid}", async (Guid id, ScreeningDesk desk, CancellationToken ct) =>
                await desk.FindRoundAsync(id, ct) is { } r ? Results.Ok(r) : Answers.NotFound("排查记录"))
            .WithSummary("一次矛盾纠纷排查")
            .Produces<RoundView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/warnings", async (string? state, ScreeningDesk desk, CancellationToken ct) =>
        {
            ScreeningDesk.WarningFilter filter;
            if (string.IsNullOrWhiteSpace(state))
            {
                filter = ScreeningDesk.WarningFilter.Open;
            }
            else if (!Enum.TryParse(state.Trim(), ignoreCase: true, out filter) || !Enum.IsDefined(filter))
            {
                return new RequestErrors().Add("state", "状态应为 open、overdue、closed 或 all").Problem();
            }

            return await desk.ListWarningsAsync(filter, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("本账号的角色不查看预警");
        })
            .WithSummary("预警（本辖区发出或交由本辖区处置的；state = open 在办、overdue 超期、closed 已办结、all 全部）")
            .Produces<IReadOnlyList<WarningView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/warnings", async (ScreeningDesk.RaiseRequest r, ScreeningDesk desk, CancellationToken ct) =>
                (await desk.RaiseAsync(r, ct)).ToResult(v => $"/api/screening/warnings/{v.Id}"))
            .WithSummary("发出预警：事项、地点、类别、等级、预计涉及人数（处置时限按等级计算）")
            .Produces<WarningView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/warnings/{id:guid}", async (Guid id, ScreeningDesk desk, CancellationToken ct) =>
                await desk.FindWarningAsync(id, ct) is { } w ? Results.Ok(w) : Answers.NotFound("预警"))
            .WithSummary("一条预警：处置时限、责任单位、处置情况、办结结果")
            .Produces<WarningView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/warnings/{id:guid}/assign", async (Guid id, ScreeningDesk.AssignRequest r, ScreeningDesk desk, CancellationToken ct) => (await desk.AssignAsync(id, r, ct)).ToResult())
            .WithSummary("交办预警给本辖区内的责任单位（发出预警的单位或其上级）")
            .Produces<WarningView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/warnings/{id:guid}/notes", async (Guid id, ScreeningDesk.NoteRequest r, ScreeningDesk desk, CancellationToken ct) => (await desk.NoteAsync(id, r, ct)).ToResult())
            .WithSummary("记录预警处置情况")
            .Produces<WarningView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/warnings/{id:guid}/item", async (Guid id, ScreeningDesk.LinkRequest r, ScreeningDesk desk, CancellationToken ct) => (await desk.LinkItemAsync(id, r, ct)).ToResult())
            .WithSummary("预警关联信访件（按编号，本辖区可见的）")
            .Produces<WarningView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/warnings/{id:guid}/close", async (Guid id, ScreeningDesk.CloseRequest r, ScreeningDesk desk, CancellationToken ct) => (await desk.CloseAsync(id, r, ct)).ToResult())
            .WithSummary("办结预警：结果（已化解、转为信访事项办理、未化解）和办结情况")
            .Produces<WarningView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/warnings/{id:guid}/deadline", async (Guid id, ScreeningDesk.DeadlineRequest r, ScreeningDesk desk, CancellationToken ct) => (await desk.ChangeDeadlineAsync(id, r, ct)).ToResult())
            .WithSummary("调整预警处置期限（延长或提前；交办单位或其上级，须说明理由；不早于今天，最晚为今天起90天；每次调整留有记录，逾期统计按调整后的期限）")
            .Produces<WarningView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/figures", async (string? organization, string? from, string? to, Data.AppDbContext db, OrganizationDirectory directory, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var scope = StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
            if (errors.Any || scope is null)
            {
                return errors.Problem();
            }

            var staff = guard.Staff;
            if (staff is null || !IndicatorSource.MayReadStatistics(staff.Role))
            {
                return Answers.Forbidden("统计数据由领导、督查人员、信访部门登记办理人员和单位负责人查看");
            }

            if (!directory.Contains(scope.OrganizationId) || !directory.IsWithin(scope.OrganizationId, staff.OrganizationId))
            {
                return Answers.Forbidden("只能查看本机关及下属机构的统计数据");
            }

            return Results.Ok(await ScreeningFigures.ComputeAsync(db, directory, scope, Domain.Deadlines.DeadlineTime.LocalDate(clock.GetUtcNow()), ct));
        })
            .WithSummary("矛盾纠纷排查和预警统计：排查次数、排查率、按类别的纠纷和去向、预警发出/交办/办结/逾期（机构及下属机构、统计期间）")
            .Produces<ScreeningFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The <c>screening_rounds</c>, <c>screening_findings</c>, <c>warnings</c>, <c>warning_notes</c> and <c>warning_deadline_changes</c> tables (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<ScreeningRound>(r =>
        {
            r.ToTable("screening_rounds");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Place).HasMaxLength(ScreeningRound.MaxPlaceLength);
            r.Property(x => x.PeriodLabel).HasMaxLength(ScreeningRound.MaxLabelLength);
            r.Property(x => x.ScreenedBy).HasMaxLength(ScreeningRound.MaxScreenedByLength);
            r.Property(x => x.Note).HasMaxLength(ScreeningRound.MaxNoteLength);
            r.Property(x => x.RecordedBy).HasMaxLength(100);
            r.Ignore(x => x.Found);
            r.Ignore(x => x.ResolvedOnSpot);
            r.Ignore(x => x.ToWarnings);
            r.Ignore(x => x.ToItems);
            r.Ignore(x => x.PlaceKey);
            r.OwnsMany(x => x.Findings, f =>
            {
                f.ToTable("screening_findings");
                f.WithOwner().HasForeignKey("RoundId");
                f.Property<int>("Id");
                f.HasKey("Id");
                f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            });
            r.Navigation(x => x.Findings).UsePropertyAccessMode(PropertyAccessMode.Field);
            r.HasIndex(x => new { x.OrganizationId, x.PeriodFrom });
        });
        builder.Entity<Warning>(w =>
        {
            w.ToTable("warnings");
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).ValueGeneratedNever();
            w.Property(x => x.Summary).HasMaxLength(Warning.MaxSummaryLength);
            w.Property(x => x.Place).HasMaxLength(Warning.MaxPlaceLength);
            w.Property(x => x.OutcomeNote).HasMaxLength(Warning.MaxNoteLength);
            w.Property(x => x.RaisedBy).HasMaxLength(100);
            w.Property(x => x.AssignedBy).HasMaxLength(100);
            w.Property(x => x.ClosedBy).HasMaxLength(100);
            w.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            w.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            w.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            w.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            w.Property(x => x.Version).IsConcurrencyToken();
            w.Ignore(x => x.IsOpen);
            w.Ignore(x => x.ClosedLate);
            w.OwnsMany(x => x.Notes, n =>
            {
                n.ToTable("warning_notes");
                n.WithOwner().HasForeignKey("WarningId");
                n.Property<int>("Id");
                n.HasKey("Id");
                n.Property(x => x.Text).HasMaxLength(Warning.MaxNoteLength);
                n.Property(x => x.By).HasMaxLength(100);
            });
            w.Navigation(x => x.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
            w.OwnsMany(x => x.DeadlineChanges, c =>
            {
                c.ToTable("warning_deadline_changes");
                c.WithOwner().HasForeignKey("WarningId");
                c.Property<int>("Id");
                c.HasKey("Id");
                c.Property(x => x.Reason).HasMaxLength(Warning.MaxNoteLength);
                c.Property(x => x.By).HasMaxLength(100);
            });
            w.Navigation(x => x.DeadlineChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
            w.HasIndex(x => x.RaisedByOrganizationId);
            w.HasIndex(x => x.ResponsibleOrganizationId);
            w.HasIndex(x => new { x.Status, x.DueOn });
        });
    }
}

/// <summary>One entry of the dispute kinds' code table.</summary>
public sealed record KindEntry(string Code, string Name);

/// <summary>Days typed in a query or a form: yyyy-MM-dd within 2000–2099 (<see cref="DateInput"/>), else a Chinese error.</summary>
internal static class FormDates
{
    public static DateOnly? Day(string? text, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为yyyy-MM-dd");
            return null;
        }

        errors.Date(day, field, label);
        return DateInput.Contains(day) ? day : null;
    }

    /// <summary>A form's date field: null when empty or unreadable (the error added).</summary>
    public static DateOnly? Typed(string? text, string field, string label, RequestErrors errors) =>
        string.IsNullOrWhiteSpace(text) ? null : Day(text, field, label, default, errors);
}
