using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Portal;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Portal;

/// <summary>
/// 网上信访 through <c>POST /api/public/petitions</c>: where the item lands and as what, every bad field a
/// Chinese 400 with nothing stored, anonymity only for suggestions and accusations, an accusation kept
/// from the accused body, the one-time challenge.
/// </summary>
public abstract class SubmitApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task A_valid_submission_is_registered_online_at_the_bureau_of_the_issue_location_received_now_by_the_system_actor()
    {
        var client = App.CreateClient();
        var body = await ValidAsync(client);

        var response = await client.PostAsJsonAsync("/api/public/petitions", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var done = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = done.GetProperty("number").GetString()!;
        var code = done.GetProperty("queryCode").GetString()!;
        Assert.Equal("西湖区信访局", done.GetProperty("organizationName").GetString());
        Assert.True(done.GetProperty("writtenAnswer").GetBoolean());
        var (stored, bureau, feedback, indexed) = await App.WithDbAsync(async db =>
        {
            var p = await db.PetitionsAcrossDeployment.AsNoTracking().Include(x => x.Petitioners).SingleAsync(x => x.Number == number);
            return (p, await db.Organizations.SingleAsync(o => o.Code == "330106XFJ"),
                await db.ClassificationFeedback.AnyAsync(f => f.PetitionId == p.Id), await db.PetitionTexts.AnyAsync(t => t.PetitionId == p.Id));
        });
        Assert.Equal(PetitionForm.Online, stored.Form);
        Assert.Equal(bureau.Id, stored.CurrentOrganizationId);
        Assert.Equal(App.Clock.GetUtcNow(), stored.ReceivedAt);
        Assert.Equal(SubmitPetition.SystemName, stored.RegisteredBy);
        Assert.Equal("330106001", stored.IssueLocationCode);
        Assert.Equal("330106199202200037", Assert.Single(stored.Petitioners).IdNumber);
        Assert.True(feedback, "the classification suggestion is recorded as at staff registration");
        Assert.True(indexed, "the repeat keys are indexed as at staff registration");

        // The petitioner follows it with the number and the code.
        var progress = await client.PostAsJsonAsync("/api/public/progress", new { number, queryCode = code });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);

        // The bureau's registrar has it in the workbench's scope.
        var registrar = await App.SignInAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync($"/api/petitions/{stored.Id}")).StatusCode);
    }

    [SkippableFact]
    public async Task The_bureaus_registrar_sees_the_suggestion_and_the_repeat_candidates_on_the_items_page()
    {
        const string idNumber = "330106198506150011";
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var earlier = AppExtensions.Letter("小区电梯停运半年无人维修");
        earlier["content"] = "三号楼电梯停运半年，物业和开发商互相推诿，老人上下楼困难，请求督促尽快修复电梯。";
        ((Dictionary<string, object?>[])earlier["petitioners"]!)[0]["idNumber"] = idNumber;
        earlier["receivedAt"] = App.Clock.GetUtcNow().AddDays(-20);
        var (_, firstNumber, _, _) = await registrar.RegisterAsync(earlier);

        var client = App.CreateClient();
        var body = await ValidAsync(client);
        body["idNumber"] = idNumber;
        var response = await client.PostAsJsonAsync("/api/public/petitions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var id = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.Where(p => p.Number == number).Select(p => p.Id).SingleAsync());

        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("网上信访登记分析", page, StringComparison.Ordinal);
        Assert.Contains("提交时记录的内容分类建议", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{firstNumber}</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{number}</td>", page, StringComparison.Ordinal); // not its own candidate

        // A letter registered by staff shows no such panel: its registrar analysed it before registering.
        Assert.DoesNotContain("网上信访登记分析", await registrar.Client.GetStringAsync($"/petitions/{(await registrar.RegisterAsync(AppExtensions.Letter("路灯不亮"))).Id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Attachments_pass_the_attachment_modules_checks_and_are_stored_with_the_item()
    {
        var client = App.CreateClient();
        var text = Convert.ToBase64String("电梯停运的照片说明：三号楼一单元。"u8.ToArray());
        var before = await CountAsync();

        var disguised = await ValidAsync(client);
        disguised["attachments"] = new[] { new { fileName = "说明.txt", contentBase64 = Convert.ToBase64String("<html><script>alert(1)</script></html>"u8.ToArray()) } };
        var refused = await client.PostAsJsonAsync("/api/public/petitions", disguised);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不支持的文件类型", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("attachments")[0].GetString(), StringComparison.Ordinal);

        var tooMany = await ValidAsync(client);
        tooMany["attachments"] = Enumerable.Range(0, SubmitPetition.MaxAttachments + 1).Select(i => new { fileName = $"{i}.txt", contentBase64 = text }).ToArray();
        var many = await client.PostAsJsonAsync("/api/public/petitions", tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains($"附件最多{SubmitPetition.MaxAttachments}个", (await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("attachments")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());

        var body = await ValidAsync(client);
        body["attachments"] = new[] { new { fileName = "说明.txt", contentBase64 = text } };
        var response = await client.PostAsJsonAsync("/api/public/petitions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var id = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.Where(p => p.Number == number).Select(p => p.Id).SingleAsync());

        // The bureau's registrar reads it through the attachment module: the kind found by content, the bytes as sent.
        var registrar = await App.SignInAsync("demo.xihu.registrar");
        var list = await registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/attachments");
        var attachment = Assert.Single(list.EnumerateArray());
        Assert.Equal("text", attachment.GetProperty("kind").GetString());
        var download = await registrar.GetByteArrayAsync($"/api/petitions/{id}/attachments/{attachment.GetProperty("id").GetGuid()}");
        Assert.Equal("电梯停运的照片说明：三号楼一单元。"u8.ToArray(), download);
    }

    [SkippableFact]
    public async Task A_petition_addressed_to_a_bureau_lands_there()
    {
        var client = App.CreateClient();
        var city = await OrgAsync("330100XFJ");
        var body = await ValidAsync(client);
        body["addressedTo"] = city;

        var response = await client.PostAsJsonAsync("/api/public/petitions", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        Assert.Equal(city, await App.WithDbAsync(db => db.PetitionsAcrossDeployment.Where(p => p.Number == number).Select(p => p.CurrentOrganizationId).SingleAsync()));
    }

    [SkippableFact]
    public async Task Every_bad_field_is_a_400_naming_it_in_Chinese_and_nothing_is_stored()
    {
        var client = App.CreateClient();
        var before = await CountAsync();
        var body = await ValidAsync(client);
        body["name"] = "";
        body["idNumber"] = "330106199202200038";
        body["phone"] = "12";
        body["purpose"] = null;
        body["demand"] = new string('求', 201);
        body["facts"] = "";
        body["issueLocationCode"] = "999999";
        body["addressedTo"] = Guid.NewGuid();
        body["address"] = "住址\u0001";

        var response = await client.PostAsJsonAsync("/api/public/petitions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var expected = new Dictionary<string, string>
        {
            ["name"] = "姓名不能为空", ["idNumber"] = "居民身份证号码不正确", ["phone"] = "电话号码不正确", ["purpose"] = "请选择信访目的",
            ["demand"] = "诉求不能超过200字", ["facts"] = "事实和理由不能为空", ["issueLocationCode"] = "问题属地无效", ["addressedTo"] = "受理的信访部门无效",
            ["address"] = "控制字符",
        };
        foreach (var (field, message) in expected)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"{field} not named: {errors}");
            Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountAsync());
    }

    [SkippableFact]
    public async Task Only_suggestions_and_accusations_may_be_anonymous_and_they_get_no_written_answer()
    {
        var client = App.CreateClient();
        var before = await CountAsync();
        var demand = await AnonymousAsync(client, "Demand");
        var refused = await client.PostAsJsonAsync("/api/public/petitions", demand);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("只有意见建议和检举控告可以匿名", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("anonymous")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());

        var suggestion = await client.PostAsJsonAsync("/api/public/petitions", await AnonymousAsync(client, "Suggestion"));
        Assert.Equal(HttpStatusCode.Created, suggestion.StatusCode);
        var done = await suggestion.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(done.GetProperty("writtenAnswer").GetBoolean());
        var number = done.GetProperty("number").GetString();
        var stored = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.AsNoTracking().Include(p => p.Petitioners).SingleAsync(p => p.Number == number));
        Assert.True(stored.Anonymous);
        Assert.Empty(stored.Petitioners);
        Assert.Equal(PetitionCategory.Suggestion, stored.Category);
    }

    [SkippableFact]
    public async Task An_accusation_names_the_accused_body_and_never_lands_there()
    {
        var client = App.CreateClient();
        var xihu = await OrgAsync("330106XFJ");

        var unnamed = await AnonymousAsync(client, "Accusation");
        var noBody = await client.PostAsJsonAsync("/api/public/petitions", unnamed);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(AccusationRules.AccusedBodyRequired, (await noBody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("accusedOrganizationId")[0].GetString());

        var toAccused = await AnonymousAsync(client, "Accusation");
        toAccused["accusedOrganizationId"] = xihu;
        toAccused["addressedTo"] = xihu;
        var refused = await client.PostAsJsonAsync("/api/public/petitions", toAccused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第三十条第三款", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("addressedTo")[0].GetString(), StringComparison.Ordinal);

        // Left to the bureau, the accusation against the district's bureau goes to the city's.
        var decided = await AnonymousAsync(client, "Accusation");
        decided["accusedOrganizationId"] = xihu;
        var response = await client.PostAsJsonAsync("/api/public/petitions", decided);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var stored = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.AsNoTracking().SingleAsync(p => p.Number == number));
        Assert.Equal(await OrgAsync("330100XFJ"), stored.CurrentOrganizationId);
        Assert.Equal(xihu, stored.AccusedOrganizationId);

        // The accused bureau's registrar cannot open it.
        var registrar = await App.SignInAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.GetAsync($"/api/petitions/{stored.Id}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_wrong_expired_or_replayed_challenge_is_refused()
    {
        var client = App.CreateClient();
        var before = await CountAsync();

        var wrong = await ValidAsync(client);
        var right = (string)wrong["challengeAnswer"]!;
        wrong["challengeAnswer"] = (int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(SubmissionChallenge.Wrong, await ChallengeErrorAsync(client, wrong));
        // A wrong answer used the token up: the right answer to it no longer counts.
        wrong["challengeAnswer"] = right;
        Assert.Equal(SubmissionChallenge.Used, await ChallengeErrorAsync(client, wrong));

        var expired = await ValidAsync(client);
        App.Advance(SubmissionChallenge.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(SubmissionChallenge.Expired, await ChallengeErrorAsync(client, expired));
        Assert.Equal(before, await CountAsync());

        var once = await ValidAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/public/petitions", once)).StatusCode);
        Assert.Equal(SubmissionChallenge.Used, await ChallengeErrorAsync(client, once));
        Assert.Equal(before + 1, await CountAsync());
    }

    private static async Task<string?> ChallengeErrorAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/public/petitions", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("challengeAnswer")[0].GetString();
    }

    /// <summary>A valid named 求决 petition with a fresh challenge answered.</summary>
    internal static async Task<Dictionary<string, object?>> ValidAsync(HttpClient client)
    {
        var (token, answer) = await ChallengeAsync(client);
        return new Dictionary<string, object?>
        {
            ["name"] = "李秀英", ["idNumber"] = "330106199202200037", ["phone"] = "13912345678", ["address"] = "杭州市西湖区北山街道2幢202室",
            ["purpose"] = "Demand", ["demand"] = "请求督促物业修复小区电梯", ["facts"] = "三号楼电梯停运半年，物业和开发商互相推诿，老人上下楼困难。",
            ["issueLocationCode"] = "330106001", ["addressedTo"] = null, ["anonymous"] = false, ["consentToPublish"] = false,
            ["challengeToken"] = token, ["challengeAnswer"] = answer,
        };
    }

    private static async Task<Dictionary<string, object?>> AnonymousAsync(HttpClient client, string purpose)
    {
        var body = await ValidAsync(client);
        body["anonymous"] = true;
        body["name"] = body["idNumber"] = body["phone"] = body["address"] = null;
        body["purpose"] = purpose;
        body["issueLocationCode"] = "330106";
        return body;
    }

    /// <summary>What a client (the benchmark too) does: GET the challenge, read the sum in Chinese words, send the digits.</summary>
    internal static async Task<(string Token, string Answer)> ChallengeAsync(HttpClient client)
    {
        var c = await client.GetFromJsonAsync<JsonElement>("/api/public/challenge");
        return (c.GetProperty("token").GetString()!, Solve(c.GetProperty("question").GetString()!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>「二十三加六等于几？」 → 29.</summary>
    internal static int Solve(string question)
    {
        var sum = question.Replace("等于几？", string.Empty, StringComparison.Ordinal);
        var plus = sum.Contains('加', StringComparison.Ordinal);
        var parts = sum.Split(plus ? '加' : '减');
        return plus ? Number(parts[0]) + Number(parts[1]) : Number(parts[0]) - Number(parts[1]);

        static int Number(string words)
        {
            const string digits = "零一二三四五六七八九";
            var ten = words.IndexOf('十', StringComparison.Ordinal);
            if (ten < 0)
            {
                return digits.IndexOf(words[0], StringComparison.Ordinal);
            }

            var tens = ten == 0 ? 1 : digits.IndexOf(words[0], StringComparison.Ordinal);
            var ones = ten == words.Length - 1 ? 0 : digits.IndexOf(words[^1], StringComparison.Ordinal);
            return (tens * 10) + ones;
        }
    }

    private Task<Guid> OrgAsync(string code) => App.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    private Task<int> CountAsync() => App.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync());
}

/// <summary>The test client is one address: its submissions would soon spend the per-client budget (tested on its own below).</summary>
public sealed class SubmitSqliteFixture() : AppFixture(Provider.Sqlite, SubmitBudget.Large);

public sealed class SubmitPostgresFixture() : AppFixture(Provider.Postgres, SubmitBudget.Large);

internal static class SubmitBudget
{
    public static readonly IReadOnlyDictionary<string, string> Large = new Dictionary<string, string> { ["Xinfang:RateLimits:SubmissionsPerMinute"] = "1000" };
}

public sealed class SubmitApiOnSqlite(SubmitSqliteFixture fixture) : SubmitApiTests(fixture), IClassFixture<SubmitSqliteFixture>;

public sealed class SubmitApiOnPostgres(SubmitPostgresFixture fixture) : SubmitApiTests(fixture), IClassFixture<SubmitPostgresFixture>;

/// <summary>The per-client submission budget: past it, 429 with Retry-After; another client is not affected.</summary>
public sealed class SubmitRateLimitTests(SubmitRateLimitTests.Fixture fixture) : IClassFixture<SubmitRateLimitTests.Fixture>
{
    public sealed class Fixture() : SecurityFixture(Provider.Sqlite, new Dictionary<string, string> { ["Xinfang:RateLimits:SubmissionsPerMinute"] = "2" });

    [SkippableFact]
    public async Task Submissions_past_the_budget_are_answered_429()
    {
        var client = fixture.App.Client("203.0.113.50");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(client))).StatusCode);
        }

        var third = await client.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(client));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter is not null);

        var other = fixture.App.Client("203.0.113.51");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/public/petitions", await SubmitApiTests.ValidAsync(other))).StatusCode);
    }
}
