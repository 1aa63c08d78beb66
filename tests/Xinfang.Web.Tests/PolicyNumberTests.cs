using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// Policy numbers come from one place: the extension limit the petition page shows is the one the
/// API enforces is the item's jurisdiction policy (条例 Art. 34, DeadlinePolicy.MaxExtensionDays) —
/// change the policy and both move. On SQLite and PostgreSQL.
/// </summary>
public abstract partial class PolicyNumberTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [GeneratedRegex("延期天数（累计不超过(\\d+)日，已延期(\\d+)日） <input type=\"number\" name=\"Act.Days\" min=\"1\" max=\"(\\d+)\"")]
    private static partial Regex ExtensionField();

    private static (int Limit, int Extended, int Max) Shown(string page)
    {
        var m = ExtensionField().Match(page);
        Assert.True(m.Success, "no extension form on the page");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task The_extension_limit_on_the_page_is_the_one_the_api_checks_and_both_follow_the_policy()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("企业排放异味影响居民"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        var head = await App.StaffAsync("demo.xihu.zjj.head");

        // The national value, from the policy (not a number of the page's own).
        Assert.Equal((DeadlinePolicy.National.MaxExtensionDays, 0, DeadlinePolicy.National.MaxExtensionDays), Shown(await head.Client.GetStringAsync($"/petitions/{id}")));

        // The jurisdiction (西湖区, where the item was registered) allows 20 days.
        var admin = await App.StaffAsync("demo.zj.admin");
        var xihu = admin.Org("330106XFJ");
        var set = await admin.Client.PutAsJsonAsync($"/api/admin/policies/{xihu}", new { maxExtensionDays = 20 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        try
        {
            Assert.Equal((20, 0, 20), Shown(await head.Client.GetStringAsync($"/petitions/{id}")));

            var (over, problem) = await head.PostAsync($"/api/petitions/{id}/extend", new { days = 21, reason = "需要现场监测" });
            Assert.Equal(HttpStatusCode.Conflict, over);
            Assert.Equal("deadline.extension-too-long", problem["code"]!.GetValue<string>());
            Assert.Contains("不得超过20日", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            var (huge, _) = await head.PostAsync($"/api/petitions/{id}/extend", new { days = int.MaxValue, reason = "需要现场监测" });
            Assert.Equal(HttpStatusCode.Conflict, huge);
            var (zero, zeroProblem) = await head.PostAsync($"/api/petitions/{id}/extend", new { days = 0, reason = "需要现场监测" });
            Assert.Equal(HttpStatusCode.BadRequest, zero);
            Assert.NotNull(zeroProblem["errors"]!["days"]);

            var extended = await head.ActAsync(id, "extend", new { days = 20, reason = "需要委托第三方监测" });
            Assert.Equal("Handling", extended.State());
        }
        finally
        {
            await admin.Client.PutAsJsonAsync($"/api/admin/policies/{xihu}", new { });
        }
    }
}

public sealed class PolicyNumbersOnSqlite(SqliteFixture fixture) : PolicyNumberTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PolicyNumbersOnPostgres(PostgresFixture fixture) : PolicyNumberTests(fixture), IClassFixture<PostgresFixture>;
