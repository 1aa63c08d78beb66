namespace Xinfang.Web.Administration;

/// <summary>
/// The administrators' pages and their use cases (issue 13): accounts (<see cref="ManageAccounts"/>, API in
/// <see cref="Identity.AccountAdmin"/>), the organisation tree (<see cref="ManageOrganizations"/>, <c>/api/admin/organizations</c>),
/// holiday calendars and deadline policies (the pages call <see cref="Deadlines.ManageDeadlineSettings"/>), code
/// tables and the classifier's status. The pages live beside them under <c>/admin</c>.
/// </summary>
public static class AdministrationModule
{
    public static WebApplicationBuilder AddAdministration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ManageAccounts>();
        builder.Services.AddScoped<ManageOrganizations>();
        builder.Services.AddScoped<ChangeOwnPassword>();
        return builder;
    }

    public static void MapAdministration(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/organizations").RequireAuthorization().DisableAntiforgery().WithTags("组织机构维护");
        api.MapGet("/", async (ManageOrganizations uc, CancellationToken ct) => (await uc.TreeAsync(ct)).ToResult())
            .WithSummary("本机构及下级机构（树的先序，附各机构账号数；管理员）").Produces<List<ManageOrganizations.Node>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", async (ManageOrganizations.AddRequest r, ManageOrganizations uc, CancellationToken ct) =>
                (await uc.AddAsync(r, ct)).ToResult(n => TypedResults.Created($"/api/admin/organizations/{n.Id}", n)))
            .WithSummary("新增机构（代码唯一，之后不变）").Produces<ManageOrganizations.Node>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/{id:guid}/rename", async (Guid id, ManageOrganizations.RenameRequest r, ManageOrganizations uc, CancellationToken ct) =>
                (await uc.RenameAsync(id, r, ct)).ToResult())
            .WithSummary("机构更名（代码不变）").Produces<ManageOrganizations.Node>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/move", async (Guid id, ManageOrganizations.MoveRequest r, ManageOrganizations uc, CancellationToken ct) =>
                (await uc.MoveAsync(id, r, ct)).ToResult())
            .WithSummary("调整隶属关系（不能移到自己或下级之下；重算移动部分未办结事项的时限）").Produces<ManageOrganizations.Node>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // admin-roles (ADR 0127): merge a body into another of the same level; the merged body is kept, marked 不再使用.
        api.MapPost("/{id:guid}/merge", async (Guid id, ManageOrganizations.MergeRequest r, ManageOrganizations uc, CancellationToken ct) =>
                (await uc.MergeAsync(id, r, ct)).ToResult())
            .WithSummary("机构合并（并入同级机构：未办结事项、账号、下级机构和时限政策转入；原机构保留为不再使用，历史和已办结事项不变）").Produces<ManageOrganizations.MergeAnswer>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
