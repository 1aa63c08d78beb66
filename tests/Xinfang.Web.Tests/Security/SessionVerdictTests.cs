using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Session verdicts held in the process (ADR 0181) keep ADR 0057's promise: a session that ends is refused at its next
/// request, on this instance and on another one over the same PostgreSQL database; while an instance cannot hear the
/// changes, it reads every session's row.
/// </summary>
public sealed class SessionVerdictTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static SessionVerdicts.HeldSession Session(string id = "s1", string user = "u1", DateTimeOffset? seen = null) =>
        new(id, user, StaffRole.Registrar, seen ?? Now);

    [Fact]
    public void A_verdict_is_used_only_while_open_for_its_own_user_and_within_the_touch_interval()
    {
        var clock = new FakeTimeProvider(Now);
        var verdicts = new SessionVerdicts(clock);
        verdicts.Hold(Session(), verdicts.Generation);
        Assert.Null(verdicts.Find("s1", "u1")); // closed: nothing is held

        verdicts.Open();
        verdicts.Hold(Session(), verdicts.Generation);
        Assert.NotNull(verdicts.Find("s1", "u1"));
        Assert.Null(verdicts.Find("s1", "u2")); // another person's cookie naming this session

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(verdicts.Find("s1", "u1"));
        clock.Advance(TimeSpan.FromSeconds(1)); // a minute since the row was seen: read it again (and touch it)
        Assert.Null(verdicts.Find("s1", "u1"));

        verdicts.Hold(Session(seen: clock.GetUtcNow()), verdicts.Generation);
        verdicts.Close();
        Assert.Null(verdicts.Find("s1", "u1"));
        verdicts.Open(); // reopening does not bring back what was held before
        Assert.Null(verdicts.Find("s1", "u1"));
    }

    [Fact]
    public void A_row_read_before_a_change_is_not_held_after_it()
    {
        var verdicts = new SessionVerdicts(new FakeTimeProvider(Now));
        verdicts.Open();

        // A request reads the live row; the session ends and is forgotten before the request holds what it read.
        var generation = verdicts.Generation;
        verdicts.Heard("s:s1");
        verdicts.Hold(Session(), generation);
        Assert.Null(verdicts.Find("s1", "u1"));

        // The same for a change to all of a person's sessions, and for the listener closing meanwhile.
        generation = verdicts.Generation;
        verdicts.Heard("u:u1");
        verdicts.Hold(Session(), generation);
        Assert.Null(verdicts.Find("s1", "u1"));

        verdicts.Hold(Session("s2", "u2"), verdicts.Generation);
        verdicts.Hold(Session("s3", "u1"), verdicts.Generation);
        verdicts.Heard("u:u1");
        Assert.NotNull(verdicts.Find("s2", "u2"));
        Assert.Null(verdicts.Find("s3", "u1"));
        verdicts.Heard("s:s2");
        Assert.Null(verdicts.Find("s2", "u2"));
    }

    [SkippableFact]
    public async Task A_sign_out_on_one_instance_is_refused_on_another_and_a_lost_listener_reads_every_row()
    {
        TestServices.RequirePostgres();
        using var root = new XinfangApp(Provider.Postgres);
        // Two instances of the app over the same database and key folder (two servers behind one address).
        using var a = root.WithWebHostBuilder(_ => { });
        using var b = root.WithWebHostBuilder(_ => { });
        var verdictsB = b.Services.GetRequiredService<SessionVerdicts>();
        await UntilAsync(() => verdictsB.IsOpen, "instance B listens for session changes");

        var cookie = await CookieAsync(a, "demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, cookie));
        Assert.Equal(1, verdictsB.Count); // B holds the verdict it read

        Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(a, cookie, HttpMethod.Post, "/api/auth/logout"));
        // B hears the sign-out when it commits (a notification, milliseconds); it does not wait for its minute to pass.
        await UntilAsync(() => verdictsB.Count == 0, "instance B forgets the ended session");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(b, cookie));

        // The listener's connection is lost: B stops using verdicts and forgets what it held, so a change it cannot hear
        // (here a row ended by hand, without a notification) is still refused at the next request.
        var other = await CookieAsync(a, "demo.xihu.leader");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, other));
        Assert.Equal(1, verdictsB.Count);
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServices.PostgresConnection) { Database = root.PostgresDatabase }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'xinfang-session-listener' AND datname = current_database()", admin);
            await kill.ExecuteNonQueryAsync();
            await UntilAsync(() => verdictsB.Count == 0, "instance B drops its verdicts when its listener is gone");
            await using var end = new NpgsqlCommand("UPDATE staff_sessions SET \"EndedAt\" = now(), \"EndReason\" = 'by-hand' WHERE \"EndedAt\" IS NULL", admin);
            await end.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(b, other));
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"not within 15 s: {what}");
            await Task.Delay(20);
        }
    }

    private static Task<string> CookieAsync(WebApplicationFactory<Program> app, string user) => StaffCookies.SignInAsync(app, user);

    private static async Task<HttpStatusCode> StatusAsync(WebApplicationFactory<Program> app, string cookie, HttpMethod? method = null, string url = "/api/organizations") =>
        (await StaffCookies.SendAsync(app, cookie, method ?? HttpMethod.Get, url)).StatusCode;
}
