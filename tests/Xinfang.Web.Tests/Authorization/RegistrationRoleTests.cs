using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Authorization;

/// <summary>
/// Only registrars, handlers and unit heads register (domain.md §1, <c>PetitionRules.MayRegister</c>):
/// the API answers the others 403 in Chinese and saves nothing, as the registration page refuses them.
/// </summary>
public abstract class RegistrationRoleTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableTheory]
    [InlineData("demo.xihu.supervisor")]
    [InlineData("demo.xihu.leader")]
    [InlineData("demo.hz.zjj.reviewer")]
    [InlineData("demo.zj.admin")]
    public async Task Roles_that_do_not_register_are_refused_and_nothing_is_saved(string account)
    {
        var staff = await App.StaffAsync(account);
        var title = "角色检查" + Guid.NewGuid().ToString("N")[..8];
        var (status, problem) = await staff.PostAsync("/api/petitions", AppExtensions.Letter(title));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("不能登记信访件", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Petitions.CountAsync(p => p.Title == title)));
    }

    [SkippableTheory]
    [InlineData("demo.xihu.registrar")]
    [InlineData("demo.xihu.zjj.handler")]
    [InlineData("demo.xihu.zjj.head")]
    public async Task Registrars_handlers_and_unit_heads_register(string account)
    {
        var staff = await App.StaffAsync(account);
        var (status, _) = await staff.PostAsync("/api/petitions", AppExtensions.Letter("角色检查" + Guid.NewGuid().ToString("N")[..8]));
        Assert.Equal(HttpStatusCode.Created, status);
    }
}

public sealed class RegistrationRoleOnSqlite(SqliteFixture fixture) : RegistrationRoleTests(fixture), IClassFixture<SqliteFixture>;

public sealed class RegistrationRoleOnPostgres(PostgresFixture fixture) : RegistrationRoleTests(fixture), IClassFixture<PostgresFixture>;
