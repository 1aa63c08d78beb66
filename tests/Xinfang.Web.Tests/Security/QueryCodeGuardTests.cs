using System.Net;
using System.Net.Http.Json;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Wrong query codes meet growing delays per petition number and per client, counted in the
/// database and timed by the fake clock; the correct code always passes for the real petitioner.
/// (Budgets here: 3 free wrong codes per number, then 30 s doubling; 6 per client, then 60 s doubling; 1 h window.)
/// </summary>
public abstract class QueryCodeGuardTests(SecurityFixture fixture)
{
    private SecurityApp App => fixture.App;

    private async Task<(string Number, string Code)> RegisterAsync()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        return (number, code);
    }

    private static async Task<HttpResponseMessage> QueryAsync(HttpClient client, string number, string code) =>
        await client.PostAsJsonAsync("/api/public/progress", new { number, queryCode = code });

    private static int RetryAfter(HttpResponseMessage r) => (int)r.Headers.RetryAfter!.Delta!.Value.TotalSeconds;

    private static async Task AssertTooManyAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var body = await Staff.ReadAsync(r);
        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.Equal("请求过于频繁", body["title"]!.GetValue<string>());
        Assert.Contains("后再试", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(r.Headers.RetryAfter?.Delta);
    }

    [SkippableFact]
    public async Task Wrong_codes_meet_growing_delays_while_the_petitioner_from_another_client_still_gets_in()
    {
        var (number, code) = await RegisterAsync();
        var attacker = App.Client("203.0.113.10");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await QueryAsync(attacker, number, "WRONGCODE1")).StatusCode);
        }

        var waits = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var r = await QueryAsync(attacker, number, "WRONGCODE1");
            await AssertTooManyAsync(r);
            waits.Add(RetryAfter(r));
        }

        Assert.Equal([30, 60, 120], waits);

        // The number is in its delay, but the real petitioner, elsewhere, with the right code, is let in…
        var petitioner = App.Client("192.0.2.44");
        var ok = await QueryAsync(petitioner, number, code);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(number, (await Staff.ReadAsync(ok))["number"]!.GetValue<string>());

        // …and that success forgives the number's count, so a later typo is a plain 404 again.
        Assert.Equal(HttpStatusCode.NotFound, (await QueryAsync(App.Client("192.0.2.45"), number, "WRONGCODE2")).StatusCode);

        // The guessing client has spent its own budget too: after 6 wrong codes it waits, whatever it sends.
        var seventh = await QueryAsync(attacker, number, "WRONGCODE3");
        await AssertTooManyAsync(seventh);
        Assert.Equal(60, RetryAfter(seventh));
        var blocked = await QueryAsync(attacker, number, code);
        await AssertTooManyAsync(blocked);
    }

    [SkippableFact]
    public async Task A_wrong_code_in_the_numbers_delay_is_a_429_but_the_right_code_is_never_locked_out()
    {
        var (number, code) = await RegisterAsync();
        for (var i = 0; i < 8; i++)
        {
            // A stranger spreads guesses over many addresses, so no client budget is reached.
            var r = await QueryAsync(App.Client($"203.0.113.{100 + i}"), number, "WRONGCODE1");
            Assert.Equal(i < 3 ? HttpStatusCode.NotFound : HttpStatusCode.TooManyRequests, r.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await QueryAsync(App.Client("192.0.2.50"), number, code)).StatusCode);
    }

    [SkippableFact]
    public async Task An_unknown_number_is_delayed_exactly_like_a_wrong_code()
    {
        var client = App.Client("203.0.113.20");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await QueryAsync(client, "330106XFJ-1999-000042", "WRONGCODE1")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
    }

    [SkippableFact]
    public async Task Counters_reset_after_the_window()
    {
        var (number, code) = await RegisterAsync();
        var client = App.Client("203.0.113.30");
        for (var i = 0; i < 7; i++)
        {
            await QueryAsync(client, number, "WRONGCODE1");
        }

        await AssertTooManyAsync(await QueryAsync(client, number, "WRONGCODE1"));

        // The client's delay ends, and an hour without wrong codes clears both counts.
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.NotFound, (await QueryAsync(client, number, "WRONGCODE1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await QueryAsync(client, number, code)).StatusCode);
    }

    [SkippableFact]
    public async Task The_rating_endpoint_is_guarded_the_same_way()
    {
        var (number, _) = await RegisterAsync();
        var client = App.Client("203.0.113.40");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var r = await client.PostAsJsonAsync("/api/public/rating", new { number, queryCode = "WRONGCODE1", bureau = "Satisfied" });
            statuses.Add(r.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [SkippableFact]
    public async Task Supplements_review_requests_and_the_track_action_forms_are_guarded_the_same_way()
    {
        var (number, _) = await RegisterAsync();
        var client = App.Client("203.0.113.60");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(number), "number" },
                { new StringContent("WRONGCODE1"), "queryCode" },
                { new StringContent("补充说明"), i % 2 == 0 ? "text" : "reasons" },
            };
            statuses.Add((await client.PostAsync(i % 2 == 0 ? "/api/public/supplements" : "/api/public/review", form)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);

        // The number now waits: the page's rating form from another client is answered 429 too, in Chinese.
        var other = App.Client("203.0.113.61");
        var token = await SecurityApp.AntiforgeryTokenAsync(other, "/track");
        var page = await other.PostAsync("/track", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "rate",
            ["__RequestVerificationToken"] = token,
            ["Rate.Number"] = number,
            ["Rate.QueryCode"] = "WRONGCODE1",
            ["Rate.Unit"] = "Satisfied",
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("错误次数过多", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_track_page_answers_429_in_Chinese_with_Retry_After()
    {
        var (number, _) = await RegisterAsync();
        var client = App.Client("203.0.113.50");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            var token = await SecurityApp.AntiforgeryTokenAsync(client, "/track");
            last = await client.PostAsync("/track", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "track",
                ["__RequestVerificationToken"] = token,
                ["Input.Number"] = number,
                ["Input.QueryCode"] = "WRONGCODE1",
            }));
            var html = await last.Content.ReadAsStringAsync();
            Assert.True(i < 3 ? last.StatusCode == HttpStatusCode.OK && html.Contains("编号或查询码不正确", StringComparison.Ordinal) : true, html);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal(30, (int)last.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Contains("错误次数过多，请30秒后再试", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class QueryCodeGuardOnSqlite(SecuritySqliteFixture fixture) : QueryCodeGuardTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class QueryCodeGuardOnPostgres(SecurityPostgresFixture fixture) : QueryCodeGuardTests(fixture), IClassFixture<SecurityPostgresFixture>;
