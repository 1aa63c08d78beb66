using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Audit;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Audit;

/// <summary>
/// The audit trail (ADR 0042): entries for registration, actions and sign-ins; a chain that verify
/// walks and that names exactly the entry edited, deleted or moved by raw SQL; one chain under
/// concurrent appenders.
/// </summary>
public abstract class AuditTests(AppFixture fixture)
{
    private const string Registrar = "demo.xihu.registrar";
    private const string Admin = "demo.zj.admin";

    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Registration_actions_and_sign_ins_are_audited_without_personal_data_and_the_chain_verifies()
    {
        var failed = App.CreateClient();
        var wrong = await failed.PostAsJsonAsync("/api/auth/login", new { userName = Registrar, password = "Wrong-password-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var registrar = await App.StaffAsync(Registrar);
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("审计测试" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });

        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var mine = entries.Where(e => e.SubjectId == id.ToString()).ToList();
        Assert.Equal([AuditKinds.PetitionRegistered, AuditKinds.PetitionAction], mine.Select(e => e.Kind));
        Assert.All(mine, e => Assert.Equal(number, e.Subject));
        Assert.All(mine, e => Assert.False(string.IsNullOrEmpty(e.ActorId)));
        Assert.Contains("转送", mine[1].Summary, StringComparison.Ordinal);

        var signIns = entries.Where(e => e.SubjectId == Registrar).ToList();
        Assert.Contains(signIns, e => e.Kind == AuditKinds.SignInFailed && e.Summary.Contains("密码错误", StringComparison.Ordinal));
        Assert.Contains(signIns, e => e.Kind == AuditKinds.SignIn && e.ActorName.Length > 0);
        foreach (var e in entries)
        {
            foreach (var secret in new[] { "Wrong-password-123", Administration.DemoData.DemoPassword, "王建国", "11010519491231002X", "13912345678", "北山街道" })
            {
                Assert.DoesNotContain(secret, $"{e.Summary}|{e.Subject}|{e.SubjectId}|{e.ActorName}", StringComparison.Ordinal);
            }
        }

        // Contiguous sequences, each chained to the one before.
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        var verified = await VerifyAsync();
        Assert.True(verified.Intact, verified.Message);
        Assert.Equal(entries[^1].Sequence, verified.LastSequence);
    }

    [SkippableTheory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("reorder")]
    [InlineData("rewrite")]
    [InlineData("truncate")]
    public async Task Verify_names_exactly_the_entry_that_was_tampered_with(string tamper)
    {
        await EnsureEntriesAsync(6);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var last = await db.AuditEntries.MaxAsync(e => e.Sequence);
        var k = last - 3;
        var (expectedAt, expectedProblem) = tamper switch
        {
            "edit" => (k, AuditBreak.HashMismatch),
            "delete" => (k, AuditBreak.MissingSequence),
            "reorder" => (k, AuditBreak.HashMismatch),
            "rewrite" => (k + 1, AuditBreak.PreviousHashMismatch),
            _ => (last, AuditBreak.MissingSequence),
        };
        switch (tamper)
        {
            case "edit":
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Summary\" = \"Summary\" || '（改）' WHERE \"Sequence\" = {k}");
                break;
            case "delete":
                await db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Sequence\" = {k}");
                break;
            case "reorder":
                // Swap entries k and k+1.
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Sequence\" = -1 WHERE \"Sequence\" = {k}");
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Sequence\" = {k} WHERE \"Sequence\" = {k + 1}");
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Sequence\" = {k + 1} WHERE \"Sequence\" = -1");
                break;
            case "rewrite":
                // Edit k and recompute its own hash (SHA-256 is public): the link from k+1 breaks.
                var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == k);
                entry.Summary += "（改）";
                var hash = entry.Recompute();
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Summary\" = {entry.Summary}, \"Hash\" = {hash} WHERE \"Sequence\" = {k}");
                break;
            default:
                // Delete the newest entry: the chain head still records it.
                await db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Sequence\" = {last}");
                break;
        }

        var result = await new AuditVerifier(db).VerifyAsync(default);
        await tx.RollbackAsync();

        Assert.False(result.Intact);
        Assert.Equal(expectedAt, result.BrokenAt);
        Assert.Equal(expectedProblem, result.Problem);
        Assert.Contains($"第 {expectedAt} 条", result.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact, "the rolled-back tampering leaves the chain intact");
    }

    [SkippableFact]
    public async Task The_admin_api_page_and_command_report_a_broken_chain_and_only_administrators_see_them()
    {
        await EnsureEntriesAsync(3);
        var admin = await App.StaffAsync(Admin);
        var registrar = await App.StaffAsync(Registrar);
        var (ok, body) = await admin.GetAsync("/api/admin/audit/verify");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True(body["intact"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/api/admin/audit/verify")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/admin/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/api/admin/audit/entries")).Status);
        var (_, latest) = await admin.GetAsync("/api/admin/audit/entries?take=5");
        Assert.Equal(5, latest.AsArray().Count);
        Assert.Contains("只有系统管理员", await registrar.Client.GetStringAsync("/admin/audit"), StringComparison.Ordinal);
        Assert.Contains("审计链完整", await admin.Client.GetStringAsync("/admin/audit"), StringComparison.Ordinal);
        var (code, output) = await CommandAsync();
        Assert.Equal(0, code);
        Assert.Contains("审计链完整", output, StringComparison.Ordinal);

        // Committed tampering: API, page and command all name the entry; restoring it heals the chain.
        var k = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence)) - 1;
        var original = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).Select(e => e.Summary).SingleAsync());
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Summary\" = '无' WHERE \"Sequence\" = {k}"));
        try
        {
            var (_, broken) = await admin.GetAsync("/api/admin/audit/verify");
            Assert.False(broken["intact"]!.GetValue<bool>());
            Assert.Equal(k, broken["brokenAt"]!.GetValue<long>());
            Assert.Equal("HashMismatch", broken["problem"]!.GetValue<string>());
            Assert.Contains($"第 {k} 条审计记录的哈希不符", await admin.Client.GetStringAsync("/admin/audit"), StringComparison.Ordinal);
            (code, output) = await CommandAsync();
            Assert.Equal(1, code);
            Assert.Contains($"BROKEN at sequence {k}: HashMismatch", output, StringComparison.Ordinal);
        }
        finally
        {
            await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Summary\" = {original} WHERE \"Sequence\" = {k}"));
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [SkippableFact]
    public async Task Concurrent_registrations_and_appends_keep_one_valid_chain()
    {
        var registrar = await App.StaffAsync(Registrar);
        var before = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var registrations = Enumerable.Range(0, 6).Select(i => registrar.RegisterAsync(AppExtensions.Letter($"并发登记{i}")));
        var appends = Enumerable.Range(0, 12).Select(async i =>
        {
            // Each scope has its own connection, as another app instance would.
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(db,
                new AuditDraft(AuditKinds.Export, "test", "测试", null, null, null, $"并发追加{i}"), default);
        });
        await Task.WhenAll(registrations.Cast<Task>().Concat(appends));

        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(before + 6 + 12, entries.Count);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        var verified = await VerifyAsync();
        Assert.True(verified.Intact, verified.Message);
    }

    private async Task EnsureEntriesAsync(int count)
    {
        var registrar = await App.StaffAsync(Registrar);
        while (await App.WithDbAsync(db => db.AuditEntries.CountAsync()) < count)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }
    }

    private Task<AuditVerification> VerifyAsync() => App.WithDbAsync(db => new AuditVerifier(db).VerifyAsync(default));

    private async Task<(int Code, string Output)> CommandAsync()
    {
        using var output = new StringWriter();
        var code = await TrustCommands.RunAsync(App.Services, ["audit", "verify"], output, output);
        return (code, output.ToString());
    }
}

public sealed class AuditOnSqlite(SqliteFixture fixture) : AuditTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AuditOnPostgres(PostgresFixture fixture) : AuditTests(fixture), IClassFixture<PostgresFixture>;
