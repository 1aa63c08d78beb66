using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Common;
using Xinfang.Web.Audit;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Issue 9, finding 10: audit entries carry the client's address inside the hash chain; attachments
/// are audited and encrypted at rest; ID numbers and mobiles typed into free text are masked for roles
/// that may not reveal them and never stored in the full-text index.
/// </summary>
public abstract class DataAtRestTests(SecurityFixture fixture)
{
    private SecurityApp App => fixture.App;

    [SkippableFact]
    public async Task Audit_entries_record_the_client_address_inside_the_hash_chain()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar", ip: "198.51.100.23");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == id.ToString()).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal("198.51.100.23", entry.ClientAddress);
        var signIn = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .FirstAsync(e => e.Kind == AuditKinds.SignIn && e.SubjectId == "demo.xihu.registrar"));
        Assert.Equal("198.51.100.23", signIn.ClientAddress);

        // Changing the address afterwards breaks the chain at that entry.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"ClientAddress\" = '10.0.0.1' WHERE \"Sequence\" = {entry.Sequence}");
        var broken = await new AuditVerifier(db).VerifyAsync(default);
        await tx.RollbackAsync();
        Assert.False(broken.Intact);
        Assert.Equal(entry.Sequence, broken.BrokenAt);
        Assert.Equal(AuditBreak.HashMismatch, broken.Problem);
    }

    [SkippableFact]
    public async Task Attachments_are_encrypted_at_rest_audited_and_downloaded_as_uploaded()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar", ip: "198.51.100.24");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var marker = "附件内容标记" + Guid.NewGuid().ToString("N");
        var original = Encoding.UTF8.GetBytes($"情况说明\n{marker}\n身份证11010519491231002X\n");
        var file = new ByteArrayContent(original);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var upload = await registrar.Client.PostAsync($"/api/petitions/{id}/attachments", new MultipartFormDataContent { { file, "file", "说明.txt" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachmentId = (await Staff.ReadAsync(upload))["id"]!.GetValue<Guid>();

        // What the database holds: not the file, under the current key id.
        var stored = await App.WithDbAsync(db => db.Set<Attachments.PetitionAttachment>().AsNoTracking().Where(a => a.Id == attachmentId).Select(a => a.Content).SingleAsync());
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)));
        Assert.Equal(-1, stored.AsSpan().IndexOf("11010519491231002X"u8));
        Assert.StartsWith("dev:", Encoding.ASCII.GetString(stored, 0, 4), StringComparison.Ordinal);

        var download = await registrar.Client.GetAsync($"/api/petitions/{id}/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(original, await download.Content.ReadAsByteArrayAsync());

        var audited = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == id.ToString()).OrderBy(e => e.Sequence).ToListAsync());
        var up = Assert.Single(audited, e => e.Kind == AuditKinds.AttachmentUploaded);
        var down = Assert.Single(audited, e => e.Kind == AuditKinds.AttachmentDownloaded);
        Assert.All(new[] { up, down }, e =>
        {
            Assert.Equal(number, e.Subject);
            Assert.Equal("198.51.100.24", e.ClientAddress);
            Assert.Contains(attachmentId.ToString(), e.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain("说明.txt", e.Summary, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Id_numbers_and_mobiles_typed_into_the_text_are_masked_for_roles_without_reveal_and_kept_out_of_the_index()
    {
        var idNumber = "330106198807150" + "03";
        idNumber += ChineseIdNumber.CheckCharacter(idNumber);
        const string Mobile = "13588887777";
        var word = "测绘" + Guid.NewGuid().ToString("N")[..6];
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var request = AppExtensions.Letter($"{word}反映小区违建，电话{Mobile}");
        request["content"] = $"本人{word}，身份证号{idNumber}，手机{Mobile}，反映小区违章搭建问题，请予处理。";
        var (id, _, _, _) = await registrar.RegisterAsync(request);

        // The registrar may reveal personal data: the text is shown as typed.
        var (_, mine) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Contains(idNumber, mine["content"]!.GetValue<string>(), StringComparison.Ordinal);

        // A supervisor sees the item but may not reveal: API JSON, page and full-text hits are masked.
        var supervisor = await App.StaffAsync("demo.xihu.supervisor");
        var (status, detail) = await supervisor.GetAsync($"/api/petitions/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var page = WebUtility.HtmlDecode(await supervisor.Client.GetStringAsync($"/petitions/{id}"));
        var (_, hits) = await supervisor.GetAsync($"/api/petitions/fulltext?q={Uri.EscapeDataString(word)}");
        // The lists too: the workbench page and the search by number show the title masked.
        var number = mine["number"]!.GetValue<string>();
        var workbench = WebUtility.HtmlDecode(await supervisor.Client.GetStringAsync("/workbench"));
        var (searchStatus, found) = await supervisor.GetAsync($"/api/petitions/search?number={Uri.EscapeDataString(number)}");
        Assert.Equal(HttpStatusCode.OK, searchStatus);
        Assert.Contains(word, workbench, StringComparison.Ordinal);
        var foundTitle = Assert.Single(found.AsArray())!["title"]!.GetValue<string>();
        Assert.Contains(word, foundTitle, StringComparison.Ordinal);
        Assert.Contains(PhoneNumber.Mask(Mobile), foundTitle, StringComparison.Ordinal);
        foreach (var shown in new[] { detail.ToJsonString(XinfangApp.Json), page, hits.ToJsonString(XinfangApp.Json), workbench, found.ToJsonString(XinfangApp.Json) })
        {
            Assert.DoesNotContain(idNumber, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(Mobile, shown, StringComparison.Ordinal);
        }

        Assert.Contains(ChineseIdNumber.Mask(idNumber), detail["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(PhoneNumber.Mask(Mobile), detail["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(word, page, StringComparison.Ordinal);

        // The index: no row holds them, the rest of the text is still found.
        var tokens = await App.WithDbAsync(db => db.PetitionTexts.AsNoTracking().Where(t => t.PetitionId == id).Select(t => t.Tokens).SingleAsync());
        Assert.DoesNotContain(Mobile, tokens, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber[..14], tokens, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("8888", tokens, StringComparison.Ordinal);
        var raw = await App.WithDbAsync(db => db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<string>("SELECT search_vector::text AS \"Value\" FROM petition_text WHERE petition_id = {0}", id).SingleAsync()
            : db.Database.SqlQueryRaw<string>("SELECT count(*) || '' AS \"Value\" FROM petition_text_fts WHERE petition_text_fts MATCH {0}", "\"" + Mobile + "\"").SingleAsync());
        Assert.DoesNotContain(Mobile, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber[..14], raw, StringComparison.OrdinalIgnoreCase);
        if (fixture.Provider == Provider.Sqlite)
        {
            Assert.Equal("0", raw); // FTS5 finds no row by the mobile
        }

        var (_, byWord) = await registrar.GetAsync($"/api/petitions/fulltext?q={Uri.EscapeDataString(word)}");
        Assert.Contains(byWord["items"]!.AsArray(), h => h!["id"]!.GetValue<Guid>() == id);
        var (_, byMobile) = await registrar.GetAsync($"/api/petitions/fulltext?q={Mobile}");
        Assert.DoesNotContain(byMobile["items"]?.AsArray() ?? [], h => h!["id"]!.GetValue<Guid>() == id);
    }
}

public sealed class DataAtRestOnSqlite(SecuritySqliteFixture fixture) : DataAtRestTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class DataAtRestOnPostgres(SecurityPostgresFixture fixture) : DataAtRestTests(fixture), IClassFixture<SecurityPostgresFixture>;
