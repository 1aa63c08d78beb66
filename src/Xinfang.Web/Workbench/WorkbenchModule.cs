using Xinfang.Web.Audit;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;

namespace Xinfang.Web.Workbench;

/// <summary>
/// The workbench (issue 13): each role's home with what waits for it, work lists filtered, sorted and paged
/// with the filter in the address, export of any list to .xlsx, one box that finds an item by number, name,
/// ID or phone number or words, and 批量转送/交办. Pages: <c>/workbench</c>, <c>/find</c>; API under <c>/api/workbench</c>.
/// </summary>
public static class WorkbenchModule
{
    public static WebApplicationBuilder AddWorkbench(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorkItems>();
        builder.Services.AddScoped<WorkHome>();
        builder.Services.AddScoped<WorkFind>();
        builder.Services.AddScoped<WorkBatch>();
        builder.Services.AddScoped<NameResponsibleOfficer>();
        builder.Services.AddScoped<SavedWorkFilters>();
        return builder;
    }

    public static void MapWorkbench(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workbench").RequireAuthorization().DisableAntiforgery().WithTags("工作台");

        group.MapGet("/home", async (WorkHome home, CancellationToken ct) => TypedResults.Ok(await home.CountsAsync(ct)))
            .WithSummary("我的待办：按岗位统计的待办件数（新收、退回、督办、临期、逾期），各附筛选后的清单链接")
            .Produces<IReadOnlyList<WaitingCount>>();

        group.MapGet("/items", async ([AsParameters] WorkFilter filter, WorkItems items, CancellationToken ct) =>
            {
                var (query, errors) = WorkQuery.Parse(filter);
                return query is null ? errors.Problem() : TypedResults.Ok(await items.PageAsync(query, ct));
            })
            .WithSummary("工作清单：按单位、内容分类、信访形式、登记日期、状态、预警级别筛选，按任一列排序，分页（总数计至1000件）")
            .Produces<WorkPage>().ProducesValidationProblem();

        group.MapGet("/items/export", async ([AsParameters] WorkFilter filter, WorkItems items, AppDbContext db, CurrentStaff staff, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                var (query, errors) = WorkQuery.Parse(filter);
                if (query is null)
                {
                    return errors.Problem();
                }

                var rows = await items.AllAsync(query, ct);
                var caption = await items.DescribeAsync(query, ct);
                await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "工作清单", $"导出工作清单：{caption}，{rows.Count}件"), ct);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(XlsxWriter.Write(ExportTable(rows), caption), XlsxWriter.ContentType, $"worklist-{items.Today:yyyyMMdd}.xlsx");
            })
            .WithSummary("导出工作清单（.xlsx，中文表头，首行为筛选条件；最多5000件）")
            .Produces<byte[]>(StatusCodes.Status200OK, XlsxWriter.ContentType).ProducesValidationProblem();

        group.MapPost("/find", async (WorkFind.Request r, WorkFind find, CancellationToken ct) =>
            {
                var (errors, found) = await find.FindAsync(r.Q, ct);
                return errors is not null ? errors.Problem() : TypedResults.Ok(found);
            })
            .WithSummary("查找信访件：编号、信访人姓名、证件号码、电话（盲索引）或字词（全文），注明匹配原因；查找内容在请求体中，不进入网址和访问日志")
            .Produces<IReadOnlyList<FoundItem>>().ProducesValidationProblem();

        group.MapPost("/batch", async (WorkBatch.Request r, WorkBatch batch, CancellationToken ct) =>
            {
                var (errors, results) = await batch.RunAsync(r, ct);
                return errors is not null ? errors.Problem() : TypedResults.Ok(results);
            })
            .WithSummary("批量转送或交办（逐件办理，逐件返回结果）")
            .Produces<IReadOnlyList<BatchItemResult>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/saved-filters", async (SavedWorkFilters saved, CancellationToken ct) => TypedResults.Ok(await saved.ListAsync(ct)))
            .WithSummary("我保存的筛选条件（仅本人可见）")
            .Produces<IReadOnlyList<SavedFilterView>>();

        group.MapPost("/saved-filters", async (SavedWorkFilters.Request r, SavedWorkFilters saved, CancellationToken ct) =>
            {
                var (errors, view) = await saved.SaveAsync(r, ct);
                return errors is not null ? errors.Problem() : TypedResults.Ok(view);
            })
            .WithSummary($"保存当前筛选条件（名称＋工作清单的查询串，按清单的筛选规则校验；每人最多{SavedWorkFilters.MaxPerUser}个）")
            .Produces<SavedFilterView>().ProducesValidationProblem();

        group.MapDelete("/saved-filters/{id:guid}", async (Guid id, SavedWorkFilters saved, CancellationToken ct) =>
                await saved.DeleteAsync(id, ct) ? Results.NoContent() : Answers.NotFound("筛选条件"))
            .WithSummary("删除本人保存的一个筛选条件")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        // 首办责任人 (条例 Art. 34, 首办负责制): an action on one item, described as the casework actions are.
        app.MapGroup("/api/petitions").RequireAuthorization().DisableAntiforgery().WithTags("信访件").DescribePetitionActions()
            .MapPost("/{id:guid}/responsible-officer", async (Guid id, NameResponsibleOfficer.Request r, NameResponsibleOfficer uc, CancellationToken ct) =>
                (await uc.NameAsync(id, r, ct)).ToResult())
            .WithSummary("确定或变更首办责任人（当前办理单位的工作人员；承办人可确定本人；转至其他单位后由该单位重新确定）")
            .Produces<PetitionDetail>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The list as an export table: Chinese headers, the columns of the page.</summary>
    internal static ReportTable ExportTable(IReadOnlyList<WorkItem> rows) => new(
        "worklist",
        "工作清单",
        ["编号", "标题", "剩余天数", "预警级别", "登记日期", "信访形式", "信访人", "当前承办单位", "首办责任人", "状态", "到期日"],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.Number, r.Title, DaysText(r), r.LevelName, r.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.FormName, r.Petitioner, r.HolderName, r.Responsible, r.StateName, r.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—"])]);

    /// <summary>剩余天数 in words: "3", "今日到期", "逾期2天", "—" for none.</summary>
    public static string DaysText(WorkItem r) => r.DaysLeft switch
    {
        null => "—",
        0 => "今日到期",
        < 0 and var d => $"逾期{-d}天",
        var d => $"{d}天",
    };
}
