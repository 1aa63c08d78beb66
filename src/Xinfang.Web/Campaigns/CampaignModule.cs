using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Campaigns;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Campaigns;

/// <summary>
/// 治理重复信访、化解信访积案 (治重化积) campaigns (issue 14, ADR 0130–0132): a bureau's campaign with its list of matters
/// (an item or a described backlog case) by source, owner, plan, deadline, dated progress and outcome; the 积案 flag on
/// items (<c>backlog_flags</c>); .xlsx import (all rows or none) and .xlsx/.csv export; figures for the dashboard and the
/// annual report. Pages <c>/campaigns</c>, <c>/campaigns/{id}</c>, <c>/campaigns/backlog</c>.
/// </summary>
public static class CampaignModule
{
    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CampaignDesk>();
        return builder;
    }

    public static void MapCampaigns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").RequireAuthorization().DisableAntiforgery().WithTags("治重化积专项工作");
        api.MapGet("/", async (CampaignDesk desk, CancellationToken ct) => Results.Ok(await desk.ListAsync(ct)))
            .WithSummary("专项工作列表（本机关所在条线：本机关、上级和下级信访部门组织的）")
            .Produces<IReadOnlyList<CampaignSummaryView>>();
        api.MapPost("/", async (CampaignDesk.CreateRequest r, CampaignDesk desk, CancellationToken ct) => (await desk.CreateAsync(r, ct)).ToResult(created: true))
            .WithSummary("建立专项工作：名称、类型（RepeatPetitions 治理重复信访、Backlog 化解信访积案、Both）、期间（结束日期即化解期限；信访部门人员）")
            .Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:guid}", async (Guid id, CampaignDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } c ? Results.Ok(c) : Answers.NotFound("专项工作"))
            .WithSummary("一项专项工作：清单条目（无权查看的信访件不显示编号和内容）、总体、按来源和按责任单位的进度")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/entries", async (Guid id, CampaignDesk.EntryRequest r, CampaignDesk desk, CancellationToken ct) => (await desk.AddEntryAsync(id, r, ct)).ToResult())
            .WithSummary("增加一条：来源（Central 中央交办、Provincial 省交办、LocalCheck 市县自查）、信访件编号或事项摘要、责任单位和/或包案领导、化解方案、化解期限")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/import", async (Guid id, HttpContext http, CampaignDesk desk, CancellationToken ct) =>
            {
                var file = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                return (await desk.ImportAsync(id, file, ct)).ToResult();
            })
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("导入专项工作清单（.xlsx，字段 file；表头：来源、信访件编号、事项摘要、责任单位、包案领导、化解方案、化解期限）；任一行有误则全部不导入，错误按行列出")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/entries/{entryId:guid}/progress", async (Guid id, Guid entryId, CampaignDesk.ProgressRequest r, CampaignDesk desk, CancellationToken ct) =>
                (await desk.RecordProgressAsync(id, entryId, r, ct)).ToResult())
            .WithSummary("记录进展（内容和日期，不晚于今天；责任单位或组织的信访部门）")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/entries/{entryId:guid}/outcome", async (Guid id, Guid entryId, CampaignDesk.OutcomeRequest r, CampaignDesk desk, CancellationToken ct) =>
                (await desk.RecordOutcomeAsync(id, entryId, r, ct)).ToResult())
            .WithSummary("记录化解结果（Resolved 化解、Unresolved 未化解，未化解须说明原因；一次；组织的信访部门认定）")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/export", async (Guid id, string? format, CampaignDesk desk, CancellationToken ct) =>
            {
                if (format is not (null or "xlsx" or "csv"))
                {
                    return new RequestErrors().Add("format", "导出格式应为 xlsx 或 csv").Problem();
                }

                if (await desk.FindAsync(id, ct) is not { } c)
                {
                    return Answers.NotFound("专项工作");
                }

                var table = CampaignSheets.Table(c);
                var caption = CampaignSheets.Caption(c);
                var name = $"campaign-{c.StartsOn:yyyyMMdd}-{c.Id.ToString()[..8]}";
                return format == "csv"
                    ? Results.File(CsvWriter.Write(table, caption), CsvWriter.ContentType, name + ".csv")
                    : Results.File(XlsxWriter.Write(table, caption), XlsxWriter.ContentType, name + ".xlsx");
            })
            .WithSummary("导出专项工作清单（format=xlsx 或 csv；首行为专项工作名称和期间，中文表头；无权查看的信访件不导出编号和内容）")
            .Produces<byte[]>(StatusCodes.Status200OK, XlsxWriter.ContentType, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/figures", async (string? organization, string? from, string? to, PetitionGuard guard, OrganizationDirectory directory, Data.AppDbContext db, TimeProvider clock, CancellationToken ct) =>
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

                return Results.Ok(await CampaignFigures.CountAsync(db, directory, scope, DeadlineTime.LocalDate(clock.GetUtcNow()), ct));
            })
            .WithSummary("治重化积统计：专项工作项数、清单条数（按来源）、已化解、化解率、逾期（机构及下属机构、统计期间）")
            .Produces<CampaignFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The <c>campaigns</c>, <c>campaign_entries</c>, <c>campaign_progress_notes</c> and <c>backlog_flags</c> tables (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<Campaign>(c =>
        {
            c.ToTable("campaigns");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Name).HasMaxLength(Campaign.MaxNameLength);
            c.Property(x => x.CreatedBy).HasMaxLength(100);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.FlagsBacklog);
            c.HasIndex(x => new { x.OrganizationId, x.StartsOn });
            c.OwnsMany(x => x.Entries, e =>
            {
                e.ToTable("campaign_entries");
                e.WithOwner().HasForeignKey("CampaignId");
                e.HasKey(x => x.Id);
                e.Property(x => x.Id).ValueGeneratedNever();
                e.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
                e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
                e.Property(x => x.PetitionNumber).HasMaxLength(40);
                e.Property(x => x.Matter).HasMaxLength(CampaignEntry.MaxTextLength);
                e.Property(x => x.Owner).HasMaxLength(CampaignEntry.MaxOwnerLength);
                e.Property(x => x.Leader).HasMaxLength(CampaignEntry.MaxOwnerLength);
                e.Property(x => x.Plan).HasMaxLength(CampaignEntry.MaxTextLength);
                e.Property(x => x.Progress).HasMaxLength(CampaignEntry.MaxTextLength);
                e.Property(x => x.OutcomeReason).HasMaxLength(CampaignEntry.MaxTextLength);
                e.HasIndex(x => x.PetitionId);
                e.OwnsMany(x => x.Notes, n =>
                {
                    n.ToTable("campaign_progress_notes");
                    n.WithOwner().HasForeignKey("EntryId");
                    n.Property<int>("Id");
                    n.HasKey("Id");
                    n.Property(x => x.Text).HasMaxLength(CampaignEntry.MaxTextLength);
                    n.Property(x => x.By).HasMaxLength(100);
                });
                e.Navigation(x => x.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
            });
            c.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        builder.Entity<BacklogFlag>(f =>
        {
            f.ToTable("backlog_flags");
            f.HasKey(x => x.PetitionId);
            f.Property(x => x.PetitionId).ValueGeneratedNever();
            f.Property(x => x.Reason).HasMaxLength(Campaign.MaxNameLength + 10);
            f.Property(x => x.FlaggedBy).HasMaxLength(100);
        });
    }
}
