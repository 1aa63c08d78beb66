using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// Bad input gets a 400 ProblemDetails naming each bad field and changes nothing; an action the state
/// does not allow is a 409 naming state and action; an unknown item is a 404; nothing a user can
/// send gives a 500.
/// </summary>
public sealed class BadInputTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private XinfangApp App => fixture.App;

    private Task<int> CountAsync() => App.WithDbAsync(db => db.Petitions.CountAsync());

    private async Task AssertRejectedAsync(Dictionary<string, object?> request, params string[] badFields)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await CountAsync();
        var (status, problem) = await registrar.PostAsync("/api/petitions", request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        var errors = problem["errors"]!.AsObject();
        foreach (var field in badFields)
        {
            Assert.True(errors.ContainsKey(field), $"expected an error for {field}, got {problem.ToJsonString()}");
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Missing_form_title_and_content_are_each_named()
    {
        var request = AppExtensions.Letter();
        request.Remove("form");
        request["title"] = "";
        request["content"] = null;
        await AssertRejectedAsync(request, "form", "title", "content");
    }

    [Fact]
    public async Task An_id_number_failing_the_GB_11643_check_digit_is_refused()
    {
        var request = AppExtensions.Letter();
        request["petitioners"] = new[] { new Dictionary<string, object?> { ["name"] = "王五", ["idNumber"] = "110105194912310021" } };
        await AssertRejectedAsync(request, "petitioners[0].idNumber");
    }

    [Fact]
    public async Task A_phone_number_that_is_not_one_is_refused()
    {
        var request = AppExtensions.Letter();
        request["petitioners"] = new[] { new Dictionary<string, object?> { ["name"] = "王五", ["phone"] = "12345" } };
        await AssertRejectedAsync(request, "petitioners[0].phone");
    }

    [Fact]
    public async Task Text_over_the_limits_is_refused()
    {
        var request = AppExtensions.Letter(new string('长', 201));
        request["content"] = new string('长', 20_001);
        await AssertRejectedAsync(request, "title", "content");
    }

    [Fact]
    public async Task A_sixth_representative_of_a_collective_visit_is_refused_while_the_head_count_is_free()
    {
        // 条例 Art. 20 ¶3: at most 5 representatives; the head count is separate.
        var request = AppExtensions.Letter();
        request["form"] = "Visit";
        request["collective"] = true;
        request["headCount"] = 300;
        request["petitioners"] = Enumerable.Range(0, 6).Select(i => new Dictionary<string, object?> { ["name"] = $"代表{i}" }).ToArray();
        await AssertRejectedAsync(request, "petitioners");
    }

    [Fact]
    public async Task A_non_anonymous_item_without_petitioners_is_refused()
    {
        var request = AppExtensions.Letter();
        request["petitioners"] = Array.Empty<object>();
        await AssertRejectedAsync(request, "petitioners");
    }

    [Fact]
    public async Task A_received_time_in_the_future_is_refused()
    {
        var request = AppExtensions.Letter();
        request["receivedAt"] = App.Clock.GetUtcNow().AddDays(2);
        await AssertRejectedAsync(request, "receivedAt");
    }

    [Theory]
    [InlineData("{\"form\": \"Pigeon\", \"title\": \"t\", \"content\": \"c\"}", "form")]
    [InlineData("{\"form\": 7, \"title\": \"t\", \"content\": \"c\"}", "form")]
    [InlineData("{\"form\": \"Letter\", \"headCount\": \"many\"}", "headCount")]
    [InlineData("{\"form\": \"Letter\", \"title\": ", "title")]
    [InlineData("[1,2,3]", "body")]
    public async Task Malformed_json_is_a_400_naming_the_field(string json, string field)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await CountAsync();
        var response = await registrar.Client.PostAsync("/api/petitions", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Staff.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_4xx_problem()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var response = await registrar.Client.PostAsync("/api/petitions", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var json = "{\"form\":\"Letter\",\"title\":\"t\",\"content\":\"" + new string('x', 1_200_000) + "\"}";
        var response = await registrar.Client.PostAsync("/api/petitions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_is_a_409_naming_the_state_and_the_action()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().DateTime);
        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("invalid-transition", problem["code"]!.GetValue<string>());
        Assert.Contains("已登记", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("送达", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, after) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Single(after["history"]!.AsArray());
    }

    [Fact]
    public async Task An_action_with_bad_fields_names_them_and_changes_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/decline", new { rule = "NoSuchRule", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rule", problem.ToJsonString(), StringComparison.Ordinal);
        var (status2, problem2) = await registrar.PostAsync($"/api/petitions/{id}/decline", new { reason = "", whereToGo = "" });
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.True(problem2["errors"]!.AsObject().ContainsKey("reason"));
        Assert.True(problem2["errors"]!.AsObject().ContainsKey("whereToGo"));
        var (_, after) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Equal("Registered", after.State());
    }

    [Theory]
    [InlineData("GET", "/api/petitions/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/petitions/00000000-0000-0000-0000-000000000001/accept")]
    [InlineData("GET", "/api/petitions/by-number/NOPE-2026-000001")]
    public async Task An_unknown_petition_is_a_404_problem(string method, string url)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var response = await registrar.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/petitions/search?number=x")]
    [InlineData("POST", "/api/petitions")]
    [InlineData("GET", "/api/organizations")]
    public async Task An_anonymous_caller_is_refused_by_staff_apis(string method, string url)
    {
        var client = App.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_query_code_and_an_unknown_number_get_the_same_answer()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var client = App.CreateClient();
        var wrong = await client.PostAsync("/api/public/progress", new StringContent($"{{\"number\":\"{number}\",\"queryCode\":\"AAAAAAAAAA\"}}", Encoding.UTF8, "application/json"));
        var unknown = await client.PostAsync("/api/public/progress", new StringContent("{\"number\":\"330106XFJ-1999-000001\",\"queryCode\":\"AAAAAAAAAA\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var a = await Staff.ReadAsync(wrong);
        var b = await Staff.ReadAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(b["title"]!.GetValue<string>(), a["title"]!.GetValue<string>());
        Assert.Equal(b["detail"]!.GetValue<string>(), a["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_without_criteria_and_a_bad_work_list_filter_are_400s()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (s1, _) = await registrar.GetAsync("/api/petitions/search");
        var (s2, _) = await registrar.GetAsync($"/api/organizations/{registrar.Org("330106XFJ")}/worklist?pageSize=100000");
        var (s3, _) = await registrar.GetAsync($"/api/organizations/{registrar.Org("330106XFJ")}/worklist?state=Nope");
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(HttpStatusCode.BadRequest, s3);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_and_the_client_waits_after_five_tries()
    {
        var client = App.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.PostAsync("/api/auth/login", new StringContent("{\"userName\":\"demo.hz.zjj.reviewer\",\"password\":\"wrong-password\"}", Encoding.UTF8, "application/json")));
        }

        // issue 9: no lock of the account; this client (for this account) waits, with a Chinese 429.
        Assert.Equal(HttpStatusCode.Unauthorized, answers[4].StatusCode);
        Assert.Equal("application/problem+json", answers[4].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.Contains("登录失败次数过多", await answers[5].Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
