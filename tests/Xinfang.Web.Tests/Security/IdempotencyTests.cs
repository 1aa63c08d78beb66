using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;
using Xinfang.Web.Security;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Finding 8 of issue 9: retries must not create duplicates. <c>Idempotency-Key</c> on every API
/// POST (same key and request → the first answer; other request → 422; a running duplicate → 409),
/// the registration's answer stored in its own commit, keys kept 24 h and swept, and one-time
/// tokens on the page forms.
/// </summary>
public abstract class IdempotencyTests(SecurityFixture fixture)
{
    private SecurityApp App => fixture.App;

    [SkippableFact]
    public async Task The_same_registration_posted_twice_with_one_key_is_one_petition_and_the_same_answer()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var key = Guid.NewGuid().ToString();
        var before = await PetitionCountAsync();

        var first = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("重复提交测试"), key);
        var second = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("重复提交测试"), key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Location, second.Location);
        Assert.True(second.Replayed, "the second answer is not marked as replayed");
        Assert.Equal(before + 1, await PetitionCountAsync());
        Assert.Equal(JsonNode.Parse(first.Body)!["number"]!.GetValue<string>(), JsonNode.Parse(second.Body)!["number"]!.GetValue<string>());

        // The same key with another body: 422 naming the header, in Chinese; nothing registered.
        var other = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("另一件事"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("application/problem+json", other.ContentType);
        Assert.Contains("幂等键", other.Body, StringComparison.Ordinal);
        Assert.Contains(Idempotency.Header, other.Body, StringComparison.Ordinal);
        Assert.Equal(before + 1, await PetitionCountAsync());

        // Keys are the caller's: another registrar's same key is another request.
        var colleague = await App.StaffAsync("demo.xihu.zjj.handler");
        var theirs = await PostAsync(colleague.Client, "/api/petitions", AppExtensions.Letter("重复提交测试"), key);
        Assert.Equal(HttpStatusCode.Created, theirs.Status);
        Assert.False(theirs.Replayed);
        Assert.Equal(before + 2, await PetitionCountAsync());

        // Without a key nothing changes: two posts, two petitions.
        await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("无键"), null);
        await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("无键"), null);
        Assert.Equal(before + 4, await PetitionCountAsync());
    }

    [SkippableFact]
    public async Task A_bad_key_is_a_400_naming_the_header_and_registers_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await PetitionCountAsync();
        foreach (var bad in new[] { new string('k', Idempotency.MaxKeyLength + 1), "含中文的键", "a b" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(AppExtensions.Letter(), options: XinfangApp.Json) };
            request.Headers.TryAddWithoutValidation(Idempotency.Header, bad);
            var response = await registrar.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(Idempotency.Header, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await PetitionCountAsync());
    }

    [SkippableFact]
    public async Task A_duplicate_while_the_first_runs_is_409_and_a_change_whose_answer_was_lost_is_not_made_again()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("进行中"), key);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var before = await PetitionCountAsync();

        // As if the first were still running (claimed, lock held): the duplicate waits for nothing, 409 with Retry-After.
        await SetStateAsync(key, IdempotencyState.InFlight, App.Clock.GetUtcNow().AddSeconds(30));
        var running = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("进行中"), key);
        Assert.Equal(HttpStatusCode.Conflict, running.Status);
        Assert.Contains("正在处理", running.Body, StringComparison.Ordinal);
        Assert.Equal(before, await PetitionCountAsync());

        // As if the process died after the commit and before the answer was stored: never run again.
        await SetStateAsync(key, IdempotencyState.Committed, App.Clock.GetUtcNow().AddSeconds(-1));
        var lost = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("进行中"), key);
        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        Assert.Contains("未重复办理", lost.Body, StringComparison.Ordinal);
        Assert.Equal(before, await PetitionCountAsync());

        // As if the process died before saving anything (lock run out): the retry runs, once.
        await SetStateAsync(key, IdempotencyState.InFlight, App.Clock.GetUtcNow().AddSeconds(-1));
        var retried = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("进行中"), key);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        var again = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("进行中"), key);
        Assert.True(again.Replayed);
        Assert.Equal(retried.Body, again.Body);
        Assert.Equal(before + 1, await PetitionCountAsync());
    }

    [SkippableFact]
    public async Task The_registration_stores_its_answer_in_the_commit_that_makes_the_petition()
    {
        // No middleware here: only the use case's own transaction can have stored the answer.
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var user = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "demo.xihu.registrar"));
        await using var scope = App.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<IdempotencyKeys>();
        var feature = new IdempotencyFeature("staff:" + user.Id, Guid.NewGuid().ToString());
        Assert.Equal(ClaimOutcome.Claimed, (await keys.ClaimAsync(feature.Scope, feature.Key, "h", default)).Outcome);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(IdentitySetup.OrganizationClaim, user.OrganizationId.ToString()),
            new Claim(IdentitySetup.RoleClaim, user.Role.ToString()), new Claim(IdentitySetup.DisplayNameClaim, user.DisplayName),
        ], "test"));
        http.Features.Set(feature);
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        try
        {
            var request = new RegisterPetition.Request(Domain.Petitions.PetitionForm.Letter, null, "同一事务", "应答与信访件同一次提交。", [new("张三", null, null, null, null, null, true)],
                null, null, false, false, null, null, null, false, null, null, null, false, false, false, false, false, null);
            var outcome = await scope.ServiceProvider.GetRequiredService<RegisterPetition>().RegisterAsync(request, default);
            Assert.NotNull(outcome.Registered);

            var stored = await App.WithDbAsync(db => db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Scope == feature.Scope && r.Key == feature.Key));
            Assert.Equal(IdempotencyState.Completed, stored.State);
            Assert.Equal(201, stored.StatusCode);
            Assert.DoesNotContain(outcome.Registered.QueryCode, stored.Body!, StringComparison.Ordinal); // encrypted at rest
            var replay = await keys.ClaimAsync(feature.Scope, feature.Key, "h", default);
            Assert.Equal(ClaimOutcome.Replay, replay.Outcome);
            Assert.Contains(outcome.Registered.Number, replay.Body!, StringComparison.Ordinal);
            Assert.Contains(outcome.Registered.QueryCode, replay.Body!, StringComparison.Ordinal);
        }
        finally
        {
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = null;
        }

        Assert.NotNull(registrar);
    }

    [SkippableFact]
    public async Task Keys_are_kept_24_hours_then_swept()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("保留期"), key)).Status);
        App.Clock.Advance(TimeSpan.FromHours(23));
        registrar = await App.StaffAsync("demo.xihu.registrar"); // the sign-in cookie's own lifetime is not under test
        Assert.True((await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("保留期"), key)).Replayed);

        App.Clock.Advance(TimeSpan.FromHours(2));
        registrar = await App.StaffAsync("demo.xihu.registrar"); // the sign-in cookie's own lifetime is not under test
        var after = await PostAsync(registrar.Client, "/api/petitions", AppExtensions.Letter("保留期后的新请求"), key);
        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.False(after.Replayed);
        var expired = await App.WithDbAsync(db => db.Set<IdempotencyRecord>().CountAsync(r => r.ExpiresAt <= App.Clock.GetUtcNow()));
        Assert.Equal(0, expired);
    }

    /// <summary>
    /// Every POST of the API (read from the app's endpoints, so a new one is covered or this fails)
    /// answers a repeat with the stored answer and another body under the same key with 422. Only
    /// the credential endpoints are left out, by name (<see cref="Idempotency.Excluded"/>).
    /// </summary>
    [SkippableFact]
    public async Task Every_api_post_takes_an_idempotency_key()
    {
        var sources = App.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var posts = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(posts.Count > 30, $"only {posts.Count} API POST endpoints");
        var excluded = posts.Where(Idempotency.Excluded).ToList();
        Assert.All(excluded, p => Assert.StartsWith("/api/auth/", p, StringComparison.Ordinal));

        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var id = (await registrar.RegisterAsync(AppExtensions.Letter("覆盖测试"))).Id;
        var callers = new[] { registrar.Client, (await App.StaffAsync("demo.zj.admin")).Client, (await App.StaffAsync("demo.xihu.supervisor")).Client, App.Client("203.0.113.77") };
        var uncovered = new List<string>();
        foreach (var pattern in posts.Except(excluded))
        {
            var url = Regex.Replace(pattern, @"\{(\w+)(:(\w+))?\??\}", m => m.Groups[3].Value switch
            {
                "guid" => id.ToString(),
                "int" => "1",
                _ => "x",
            });
            var covered = false;
            foreach (var client in callers)
            {
                var key = Guid.NewGuid().ToString();
                // A caller stopped before the endpoint (sign-in, authorization) gets no replay: the next caller is tried.
                var first = await PostRawAsync(client, url, Body(pattern, "{\"note\":\"a\"}"), key);
                var again = await PostRawAsync(client, url, Body(pattern, "{\"note\":\"a\"}"), key);
                var other = await PostRawAsync(client, url, Body(pattern, "{\"note\":\"b\"}"), key);
                if (again.Replayed && again.Status == first.Status && again.Body == first.Body && other.Status == HttpStatusCode.UnprocessableEntity)
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                uncovered.Add(pattern);
            }
        }

        Assert.True(uncovered.Count == 0, "API POST endpoints without idempotency keys:\n" + string.Join('\n', uncovered));
    }

    [SkippableFact]
    public async Task The_openapi_document_shows_the_header_on_the_covered_operations_only()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var document = JsonNode.Parse(await registrar.Client.GetStringAsync("/openapi/v1.json"))!;
        bool Has(string path, string method) => document["paths"]?[path]?[method]?["parameters"]?.AsArray()
            .Any(p => p?["name"]?.GetValue<string>() == Idempotency.Header && p["in"]?.GetValue<string>() == "header") == true;

        Assert.True(Has("/api/petitions", "post"), "no Idempotency-Key on POST /api/petitions");
        Assert.True(Has("/api/supervision/notices", "post"), "no Idempotency-Key on POST /api/supervision/notices");
        Assert.False(Has("/api/auth/login", "post"), "Idempotency-Key on sign-in, which does not take one");
    }

    [SkippableFact]
    public async Task A_registration_form_submitted_twice_registers_one_petition()
    {
        var client = await App.StaffAsync("demo.xihu.registrar");
        var html = await client.Client.GetStringAsync("/register");
        var formToken = Hidden(html, "Input.FormToken");
        var antiforgery = Hidden(html, "__RequestVerificationToken");
        var before = await PetitionCountAsync();
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "register", ["__RequestVerificationToken"] = antiforgery, ["Input.FormToken"] = formToken,
            ["Input.Action"] = "register", ["Input.Form"] = "Letter", ["Input.Category"] = "AppealOrDemand", ["Input.Purpose"] = "Demand",
            ["Input.Title"] = "双击登记", ["Input.Content"] = "同一表单提交两次只登记一件。", ["Input.Name"] = "李秀英", ["Input.IdType"] = "ResidentIdCard",
        };

        var first = await client.Client.PostAsync("/register", new FormUrlEncodedContent(form));
        var second = await client.Client.PostAsync("/register", new FormUrlEncodedContent(form));

        // The first answer shows the number and the query code once; the repeat goes to the same item without the code.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstId = System.Text.RegularExpressions.Regex.Match(await first.Content.ReadAsStringAsync(), "id=\"registered-petition\" href=\"(/petitions/[0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(firstId);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(firstId, second.Headers.Location?.OriginalString);
        Assert.Equal(before + 1, await PetitionCountAsync());

        // A fresh render has a fresh token: a new form registers a new item.
        var next = Hidden(await client.Client.GetStringAsync("/register"), "Input.FormToken");
        Assert.NotEqual(formToken, next);
        form["Input.FormToken"] = next;
        Assert.Contains("id=\"query-code\"", await (await client.Client.PostAsync("/register", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await PetitionCountAsync());
    }

    [SkippableFact]
    public async Task An_action_form_submitted_twice_acts_once_and_a_refused_one_can_be_corrected()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var id = (await registrar.RegisterAsync(AppExtensions.Letter("页面办理两次"))).Id;
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        var token = Hidden(page, "Act.FormToken");
        var antiforgery = Hidden(page, "__RequestVerificationToken");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "act-notifyreceipt", ["__RequestVerificationToken"] = antiforgery, ["Act.FormToken"] = token, ["Act.RouteAndProcedure"] = string.Empty,
        };

        // Refused for its fields: nothing saved, the token is given back, the corrected form goes through.
        var refused = await registrar.Client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var history = await HistoryCountAsync(id);
        form["Act.RouteAndProcedure"] = "书面告知受理途径和程序";
        var first = await registrar.Client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form));
        var second = await registrar.Client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(history + 1, await HistoryCountAsync(id));
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no hidden {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Uploads (staff attachments, the petitioner's 补充材料 and review requests, a campaign's .xlsx list) take multipart forms; the rest JSON.</summary>
    private static string Body(string pattern, string json) =>
        pattern.Contains("/attachments", StringComparison.Ordinal) || pattern is "/api/public/supplements" or "/api/public/review" or "/api/campaigns/{id:guid}/import" ? "multipart:" + json : json;

    private static async Task<Answer> PostAsync(HttpClient client, string url, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: XinfangApp.Json) };
        if (key is not null)
        {
            request.Headers.Add(Idempotency.Header, key);
        }

        return await Answer.ReadAsync(await client.SendAsync(request));
    }

    private static async Task<Answer> PostRawAsync(HttpClient client, string url, string body, string key)
    {
        HttpContent content = body.StartsWith("multipart:", StringComparison.Ordinal)
            ? new MultipartFormDataContent("boundary-fixed") { { new ByteArrayContent(Encoding.UTF8.GetBytes(body)), "file", "a.txt" } }
            : new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(Idempotency.Header, key);
        return await Answer.ReadAsync(await client.SendAsync(request));
    }

    private Task<int> PetitionCountAsync() => App.WithDbAsync(db => db.Petitions.CountAsync());

    private Task<int> HistoryCountAsync(Guid id) => App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).SelectMany(p => p.History).CountAsync());

    private Task<int> SetStateAsync(string key, IdempotencyState state, DateTimeOffset lockedUntil) => App.WithDbAsync(db =>
        db.Set<IdempotencyRecord>().Where(r => r.Key == key).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, state).SetProperty(r => r.LockedUntil, lockedUntil)));

    private sealed record Answer(HttpStatusCode Status, string Body, string? ContentType, Uri? Location, bool Replayed)
    {
        public static async Task<Answer> ReadAsync(HttpResponseMessage r) => new(
            r.StatusCode, await r.Content.ReadAsStringAsync(), r.Content.Headers.ContentType?.MediaType, r.Headers.Location,
            r.Headers.TryGetValues(Idempotency.ReplayedHeader, out var v) && v.Contains("true"));
    }

    public sealed class Fixture() : SecurityFixture(Provider.Sqlite, FuzzSettings);

    public sealed class PostgresFixture() : SecurityFixture(Provider.Postgres, FuzzSettings);

    private static IReadOnlyDictionary<string, string> FuzzSettings => Fuzz.FuzzTests.Settings;
}

public sealed class IdempotencyOnSqlite(IdempotencyTests.Fixture fixture) : IdempotencyTests(fixture), IClassFixture<IdempotencyTests.Fixture>;

public sealed class IdempotencyOnPostgres(IdempotencyTests.PostgresFixture fixture) : IdempotencyTests(fixture), IClassFixture<IdempotencyTests.PostgresFixture>;
