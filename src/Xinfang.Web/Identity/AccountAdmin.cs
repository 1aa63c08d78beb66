using Xinfang.Web.Administration;

namespace Xinfang.Web.Identity;

/// <summary>
/// The account administration API (issue 9 finding 6, issue 13): list, create, disable and re-enable, force a
/// password reset, reset two-factor sign-in. The rules are <see cref="ManageAccounts"/>'s, shared with the
/// page <c>/admin/users</c>. Disabling or resetting ends the account's sessions at once (<see cref="StaffSessions"/>);
/// a reset gives a one-time temporary password that must be replaced at the next sign-in (<see cref="AccountGate"/>).
/// </summary>
public static class AccountAdmin
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var all = app.MapGroup("/api/admin/accounts").RequireAuthorization().DisableAntiforgery().WithTags("账号管理");
        all.MapGet("/", async (string? text, Guid? organizationId, StaffRole? role, bool? disabled, ManageAccounts uc, CancellationToken ct) =>
                (await uc.ListAsync(new ManageAccounts.Filter(text, organizationId, role, disabled), ct)).ToResult())
            .WithSummary("本机构及下级机构的账号（可按关键词、机构、角色、是否停用筛选）").Produces<List<ManageAccounts.AccountView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        all.MapPost("/", async (ManageAccounts.CreateRequest request, ManageAccounts uc, CancellationToken ct) =>
                (await uc.CreateAsync(request, ct)).ToResult(a => TypedResults.Created($"/api/admin/accounts?text={Uri.EscapeDataString(a.UserName)}", a)))
            .WithSummary("创建账号（返回一次性临时密码；首次登录须先设新密码）").Produces<ManageAccounts.TemporaryPasswordAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        var api = app.MapGroup("/api/admin/accounts/{userName}").RequireAuthorization().DisableAntiforgery().WithTags("账号管理");
        api.MapPost("/disable", async (string userName, ManageAccounts uc, CancellationToken ct) =>
                (await uc.DisableAsync(userName, ct)).ToResult(_ => Results.NoContent()))
            .WithSummary("停用账号（其会话立即失效）").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/roles", async (string userName, ManageAccounts.RolesRequest request, ManageAccounts uc, CancellationToken ct) =>
                (await uc.SetRolesAsync(userName, request, ct)).ToResult())
            .WithSummary("设置账号所具有的角色（至少一种；可多种，登录后按所选身份办理；不能取消自己的管理员角色）").Produces<ManageAccounts.AccountView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/enable", async (string userName, ManageAccounts uc, CancellationToken ct) =>
                (await uc.EnableAsync(userName, ct)).ToResult(_ => Results.NoContent()))
            .WithSummary("重新启用账号").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/password-reset", async (string userName, ManageAccounts uc, CancellationToken ct) =>
                (await uc.ResetPasswordAsync(userName, ct)).ToResult(a => TypedResults.Ok(new ResetAnswer(a.TemporaryPassword))))
            .WithSummary("强制重置密码（返回一次性临时密码；其会话立即失效，下次登录须先设新密码）").Produces<ResetAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/two-factor-reset", async (string userName, ManageAccounts uc, CancellationToken ct) =>
                (await uc.ResetTwoFactorAsync(userName, ct)).ToResult(_ => Results.NoContent()))
            .WithSummary("重置双因素登录（手机丢失时；其会话立即失效，须重新设置）").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record ResetAnswer(string TemporaryPassword);
}
