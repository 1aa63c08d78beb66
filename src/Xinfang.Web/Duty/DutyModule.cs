using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Xinfang.Domain.Duty;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Duty;

/// <summary>
/// 值班、零报告和紧急信访信息报告 (issue 14, domain.md §10; 条例 Art. 25, ADR 0150): special periods declared by a bureau for
/// its subtree, duty rosters, daily reports with a cut-off (<see cref="DutyOptions"/>), missing reports shown to the level
/// above, and urgent reports passed up the chain with the times they were made and read. Pages <c>/duty</c>,
/// <c>/duty/{id}</c>, <c>/urgent-reports</c>, <c>/urgent-reports/{id}</c>; API <c>/api/duty</c>, <c>/api/urgent-reports</c>.
/// </summary>
public static class DutyModule
{
    public static WebApplicationBuilder AddDuty(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DutyOptions>(builder.Configuration.GetSection("Duty"));
        builder.Services.AddScoped<DutyDesk>();
        builder.Services.AddScoped<UrgentDesk>();
        return builder;
    }

    public static void MapDuty(this IEndpointRouteBuilder app)
    {
        var duty = app.MapGroup("/api/duty").RequireAuthorization().DisableAntiforgery().WithTags("值班和零报告");
        duty.MapGet("/periods", async (DutyDesk desk, CancellationToken ct) => Results.Ok(await desk.ListAsync(ct)))
            .WithSummary("与本机关有关的特殊时期（本辖区宣布的，或上级宣布且覆盖本机关的）")
            .Produces<IReadOnlyList<SpecialPeriodView>>();
        duty.MapPost("/periods", async (DutyDesk.DeclareRequest r, DutyDesk desk, CancellationToken ct) => (await desk.DeclareAsync(r, ct)).ToResult(v => $"/api/duty/periods/{v.Id}"))
            .WithSummary("宣布特殊时期（如全国两会、国庆）：名称、开始和结束日期；本辖区各机关每日报送值班日报（信访部门登记、督查人员或管理员）")
            .Produces<SpecialPeriodView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        duty.MapGet("/periods/{id:guid}", async (Guid id, DutyDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } p ? Results.Ok(p) : Answers.NotFound("特殊时期"))
            .WithSummary("一个特殊时期")
            .Produces<SpecialPeriodView>().ProducesProblem(StatusCodes.Status404NotFound);
        duty.MapGet("/periods/{id:guid}/roster", async (Guid id, DutyDesk desk, CancellationToken ct) => await desk.RosterAsync(id, ct) is { } list ? Results.Ok(list) : Answers.NotFound("特殊时期"))
            .WithSummary("值班表：本机关及下属机构的值班人员、带班领导和值班电话")
            .Produces<IReadOnlyList<RosterEntryView>>().ProducesProblem(StatusCodes.Status404NotFound);
        duty.MapPost("/periods/{id:guid}/roster", async (Guid id, DutyDesk.RosterRequest r, DutyDesk desk, CancellationToken ct) => (await desk.RecordRosterAsync(id, r, ct)).ToResult())
            .WithSummary("填写本机关某日的值班安排（值班人员、带班领导、值班室办公电话；重填即替换）")
            .Produces<RosterEntryView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        duty.MapPost("/periods/{id:guid}/reports", async (Guid id, DutyDesk.ReportRequest r, DutyDesk desk, CancellationToken ct) =>
                (await desk.FileAsync(id, r, ct)).ToResult(v => $"/api/duty/periods/{id}/days/{v.Day:yyyy-MM-dd}"))
            .WithSummary("报送本机关今日值班日报：不填情况即为零报告（无情况），或填写发现的情况并可关联信访件编号")
            .Produces<DutyReportView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        duty.MapGet("/periods/{id:guid}/days/{day}", async (Guid id, string day, DutyDesk desk, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                var d = Day(day, "day", "日期", errors);
                if (errors.Any)
                {
                    return errors.Problem();
                }

                return await desk.DayAsync(id, d, ct) is { } v ? Results.Ok(v) : Answers.NotFound("特殊时期");
            })
            .WithSummary("某日报送情况：下属机构已报、缺报（过截止时间）和尚未报送的机关（day 为 yyyy-MM-dd）")
            .Produces<DutyDayView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        duty.MapGet("/missing", async (DutyDesk desk, CancellationToken ct) => Results.Ok(await desk.MissingAsync(ct)))
            .WithSummary("缺报提醒：正在进行的特殊时期中，下属机构最近一个应报日未报送日报的")
            .Produces<IReadOnlyList<MissingReportsView>>();
        duty.MapGet("/figures", async (string? organization, string? from, string? to, PetitionGuard guard, OrganizationDirectory directory, Data.AppDbContext db,
                TimeProvider clock, IOptions<DutyOptions> options, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                var scope = StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
                if (errors.Any || scope is null)
                {
                    return errors.Problem();
                }

                return Refusal(guard, directory, scope) is { } no ? no
                    : Results.Ok(await DutyFigures.ComputeAsync(db, directory, scope, clock.GetUtcNow(), options.Value.CutOff, ct));
            })
            .WithSummary("值班和紧急报告统计：特殊时期、应报、已报（零报告、逾时）、缺报；紧急信访信息报告按接收机关层级")
            .Produces<DutyFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var urgent = app.MapGroup("/api/urgent-reports").RequireAuthorization().DisableAntiforgery().WithTags("紧急信访信息报告");
        urgent.MapGet("/", async (string? box, UrgentDesk desk, CancellationToken ct) => box is null or "" or "received" or "sent"
                ? Results.Ok(await desk.ListAsync(box, ct))
                : new RequestErrors().Add("box", "box 应为 received 或 sent").Problem())
            .WithSummary("本机关收到的（box=received，默认，未签收在前）或报出的（box=sent）紧急信访信息报告")
            .Produces<IReadOnlyList<UrgentReportView>>().ProducesValidationProblem();
        urgent.MapPost("/", async (UrgentDesk.ReportRequest r, UrgentDesk desk, CancellationToken ct) => (await desk.ReportAsync(r, ct)).ToResult(v => $"/api/urgent-reports/{v.Id}"))
            .WithSummary("向上一级报告重大、紧急信访事项和信访信息（条例第二十五条）：摘要，可关联信访件或值班日报")
            .Produces<UrgentReportView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        urgent.MapGet("/{id:guid}", async (Guid id, UrgentDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } v ? Results.Ok(v) : Answers.NotFound("紧急信访信息报告"))
            .WithSummary("一份紧急信访信息报告：每一级的报告人、报告时间、签收人和签收时间")
            .Produces<UrgentReportView>().ProducesProblem(StatusCodes.Status404NotFound);
        urgent.MapPost("/{id:guid}/read", async (Guid id, UrgentDesk desk, CancellationToken ct) => (await desk.MarkReadAsync(id, ct)).ToResult())
            .WithSummary("签收（已阅）：记录本机关签收的人和时间")
            .Produces<UrgentReportView>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        urgent.MapPost("/{id:guid}/pass-on", async (Guid id, UrgentDesk.PassOnRequest r, UrgentDesk desk, CancellationToken ct) => (await desk.PassOnAsync(id, r, ct)).ToResult())
            .WithSummary("继续向上一级报告（条例第二十五条第二款）")
            .Produces<UrgentReportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        urgent.MapGet("/petition/{petitionId:guid}", async (Guid petitionId, UrgentDesk desk, CancellationToken ct) =>
                await desk.OfPetitionAsync(petitionId, ct) is { } list ? Results.Ok(list) : Answers.NotFound())
            .WithSummary("关于一件信访件的紧急信访信息报告")
            .Produces<IReadOnlyList<UrgentReportView>>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The same readers and jurisdiction as the statistics (<see cref="IndicatorSource.MayReadStatistics"/>), or the refusal.</summary>
    public static IResult? Refusal(PetitionGuard guard, OrganizationDirectory directory, StatisticsScope scope)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        if (guard.Staff is not { } staff || !IndicatorSource.MayReadStatistics(staff.Role))
        {
            return Answers.Forbidden("统计数据由领导、督查人员、信访部门登记办理人员和单位负责人查看");
        }

        return directory.Contains(scope.OrganizationId) && directory.IsWithin(scope.OrganizationId, staff.OrganizationId) ? null
            : Answers.Forbidden("只能查看本机关及下属机构的统计数据");
    }

    /// <summary>The <c>special_periods</c>, <c>duty_roster</c>, <c>duty_reports</c>, <c>urgent_reports</c> and <c>urgent_report_steps</c> tables.</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<SpecialPeriod>(p =>
        {
            p.ToTable("special_periods");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.Name).HasMaxLength(SpecialPeriod.MaxNameLength);
            p.Property(x => x.DeclaredBy).HasMaxLength(100);
            p.HasIndex(x => new { x.OrganizationId, x.To });
        });
        builder.Entity<DutyRosterEntry>(e =>
        {
            e.ToTable("duty_roster");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Officer).HasMaxLength(DutyRosterEntry.MaxNameLength);
            e.Property(x => x.Leader).HasMaxLength(DutyRosterEntry.MaxNameLength);
            e.Property(x => x.Phone).HasMaxLength(DutyRosterEntry.MaxPhoneLength);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasOne<SpecialPeriod>().WithMany().HasForeignKey(x => x.PeriodId);
            e.HasIndex(x => new { x.PeriodId, x.OrganizationId, x.Day }).IsUnique();
        });
        builder.Entity<DutyReport>(r =>
        {
            r.ToTable("duty_reports");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Situations).HasMaxLength(DutyReport.MaxSituationLength);
            r.Property(x => x.FiledBy).HasMaxLength(100);
            IdList(r.Property(x => x.PetitionIds));
            r.HasOne<SpecialPeriod>().WithMany().HasForeignKey(x => x.PeriodId);
            // One report a body a day: a second one racing the first fails here.
            r.HasIndex(x => new { x.PeriodId, x.OrganizationId, x.Day }).IsUnique();
            r.HasIndex(x => new { x.PeriodId, x.Day });
        });
        builder.Entity<UrgentReport>(u =>
        {
            u.ToTable("urgent_reports");
            u.HasKey(x => x.Id);
            u.Property(x => x.Id).ValueGeneratedNever();
            u.Property(x => x.Summary).HasMaxLength(UrgentReport.MaxSummaryLength);
            u.Property(x => x.Version).IsConcurrencyToken();
            u.Ignore(x => x.CurrentOrganizationId);
            u.HasIndex(x => x.PetitionId);
            u.HasIndex(x => x.OriginOrganizationId);
            u.OwnsMany(x => x.Steps, s =>
            {
                s.ToTable("urgent_report_steps");
                s.WithOwner().HasForeignKey("ReportId");
                s.Property<int>("Id");
                s.HasKey("Id");
                s.Property(x => x.Note).HasMaxLength(UrgentReport.MaxNoteLength);
                s.Property(x => x.ReportedBy).HasMaxLength(100);
                s.Property(x => x.ReadBy).HasMaxLength(100);
                s.HasIndex(x => x.ToOrganizationId);
                s.HasIndex(x => x.FromOrganizationId);
            });
            u.Navigation(x => x.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }

    /// <summary>A list of item ids as one text column (comma-separated): a handful at most, read whole, never queried by id.</summary>
    public static void IdList(PropertyBuilder<IReadOnlyList<Guid>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        property.HasConversion(
                ids => string.Join(',', ids),
                text => text.Length == 0 ? new List<Guid>() : text.Split(',', StringSplitOptions.None).Select(Guid.Parse).ToList(),
                new ValueComparer<IReadOnlyList<Guid>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, g) => HashCode.Combine(h, g)), v => v.ToList()))
            .HasMaxLength(1000);
    }

    public static DateOnly? Day(string? text, string field, string label, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
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
