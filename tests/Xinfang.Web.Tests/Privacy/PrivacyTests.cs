using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Audit;
using Xinfang.Web.Data;
using Xinfang.Web.Privacy;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Privacy;

/// <summary>
/// Personal data at rest (ADR 0040, 0041, 0043): ciphertext in the columns, search through the
/// blind index, the audited reveal, and key rotation with re-encryption.
/// </summary>
public abstract class PrivacyTests(AppFixture fixture)
{
    private const string Registrar = "demo.xihu.registrar";
    private XinfangApp App => fixture.App;

    public static Dictionary<string, object?> Person(string id, string phone, string address)
    {
        var letter = AppExtensions.Letter("个人信息测试");
        letter["petitioners"] = new[]
        {
            new Dictionary<string, object?> { ["name"] = "李秀英", ["idNumber"] = id, ["phone"] = phone, ["address"] = address },
        };
        return letter;
    }

    /// <summary>A valid GB 11643 number with random digits, so each test has its own person.</summary>
    public static string NewIdNumber()
    {
        var body = "330102" + "1985" + RandomNumberGenerator.GetInt32(1, 13).ToString("D2", null) + RandomNumberGenerator.GetInt32(1, 29).ToString("D2", null)
            + RandomNumberGenerator.GetInt32(0, 1000).ToString("D3", null);
        return body + Domain.Common.ChineseIdNumber.CheckCharacter(body);
    }

    public static string NewPhone() => "139" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(null, null);

    [SkippableFact]
    public async Task The_database_holds_no_plaintext_and_search_by_phone_and_id_still_finds_the_item()
    {
        var registrar = await App.StaffAsync(Registrar);
        var (idNumber, phone, address) = (NewIdNumber(), NewPhone(), "杭州市西湖区灵隐街道白乐桥" + RandomNumberGenerator.GetInt32(1, 999) + "号");
        var (id, _, _, petition) = await registrar.RegisterAsync(Person(idNumber, phone, address));

        var raw = await RawAsync(App, id);
        Assert.Single(raw);
        var row = raw[0];
        foreach (var (stored, plain) in new[] { (row.IdNumber, idNumber), (row.Phone, phone), (row.Address, address) })
        {
            Assert.NotNull(stored);
            Assert.StartsWith(PersonalDataProtector.DevKeyId + ":", stored, StringComparison.Ordinal);
            Assert.DoesNotContain(plain, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(plain[^4..], stored, StringComparison.Ordinal);
        }

        Assert.Matches("^[0-9A-F]{64}$", row.IdNumberIndex);
        Assert.Matches("^[0-9A-F]{64}$", row.PhoneIndex);
        // Two encryptions of the same value differ (a nonce per value).
        var (second, _, _, _) = await registrar.RegisterAsync(Person(idNumber, phone, address));
        var again = (await RawAsync(App, second))[0];
        Assert.NotEqual(row.Phone, again.Phone);
        Assert.Equal(row.PhoneIndex, again.PhoneIndex);

        // The detail and lists show masked values only.
        var shown = petition["petitioners"]![0]!;
        Assert.Equal(Domain.Common.ChineseIdNumber.Mask(idNumber), shown["idNumberMasked"]!.GetValue<string>());
        Assert.Equal(phone[..3] + "****" + phone[^4..], shown["phoneMasked"]!.GetValue<string>());
        Assert.DoesNotContain(idNumber, petition.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone, petition.ToJsonString(), StringComparison.Ordinal);

        // Search by phone (any spelling) and by ID, in the URL and in the body.
        foreach (var query in new[] { $"phone={phone}", $"phone={phone[..3]}-{phone[3..7]}-{phone[7..]}", $"idNumber={idNumber.ToLowerInvariant()}" })
        {
            var (status, found) = await registrar.GetAsync($"/api/petitions/search?{query}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(new[] { id, second }.Order(), found.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Order());
        }

        var (posted, byBody) = await registrar.PostAsync("/api/petitions/search", new { idNumber });
        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal(2, byBody.AsArray().Count);
        var (_, none) = await registrar.GetAsync($"/api/petitions/search?phone={NewPhone()}");
        Assert.Empty(none.AsArray());
        // A unit it never reached does not find it by the same phone.
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        var (_, foreign) = await other.GetAsync($"/api/petitions/search?phone={phone}");
        Assert.Empty(foreign.AsArray());
    }

    [SkippableFact]
    public async Task Reveal_returns_the_full_values_writes_an_audit_entry_and_is_unknown_outside_the_scope()
    {
        var registrar = await App.StaffAsync(Registrar);
        var (idNumber, phone, address) = (NewIdNumber(), NewPhone(), "杭州市西湖区转塘街道" + RandomNumberGenerator.GetInt32(1, 999) + "号");
        var (id, number, _, petition) = await registrar.RegisterAsync(Person(idNumber, phone, address));
        Assert.Single(petition["petitioners"]!.AsArray());
        const int ordinal = 0; // the first petitioner (ordinals count from 0, in the order registered)

        var response = await registrar.Client.PostAsync($"/api/petitions/{id}/petitioners/{ordinal}/reveal", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var full = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(idNumber, full!["idNumber"]!.GetValue<string>());
        Assert.Equal(phone, full["phone"]!.GetValue<string>());
        Assert.Equal(address, full["address"]!.GetValue<string>());

        var viewed = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == id.ToString() && e.Kind == AuditKinds.PersonalDataViewed).ToListAsync());
        var entry = Assert.Single(viewed);
        Assert.Equal(number, entry.Subject);
        Assert.NotEqual(string.Empty, entry.ActorId);
        Assert.DoesNotContain(phone, entry.Summary, StringComparison.Ordinal);

        // Not a viewer: 404, as for the detail, and nothing audited. Unknown ordinal: 404.
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        var (hidden, _) = await other.PostAsync($"/api/petitions/{id}/petitioners/{ordinal}/reveal", null);
        Assert.Equal(HttpStatusCode.NotFound, hidden);
        var (noPerson, _) = await registrar.PostAsync($"/api/petitions/{id}/petitioners/99/reveal", null);
        Assert.Equal(HttpStatusCode.NotFound, noPerson);
        var anonymous = await App.CreateClient().PostAsync($"/api/petitions/{id}/petitioners/{ordinal}/reveal", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == id.ToString() && e.Kind == AuditKinds.PersonalDataViewed)));
    }

    [SkippableFact]
    public async Task Keys_rotate_without_losing_data_and_reencrypt_retires_the_old_key()
    {
        // A database of its own: the class's shared one holds values under the development key.
        if (fixture.Provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        using var root = new XinfangApp(fixture.Provider);
        var keyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var people = new List<(Guid Id, string IdNumber, string Phone, string Address)>();

        // 1. Written under key A.
        var file = System.Text.Encoding.UTF8.GetBytes("附件说明：材料" + Guid.NewGuid().ToString("N"));
        Guid attachmentId;
        using (var a = WithKeys(root, ("A", keyA)))
        {
            people.Add(await RegisterAsync(a));
            Assert.All(await RawAsync(a, people[0].Id), r => Assert.StartsWith("A:", r.Phone, StringComparison.Ordinal));
            // An attachment under key A too: the same key ring.
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            var upload = await (await SignInAsync(a, Registrar)).PostAsync($"/api/petitions/{people[0].Id}/attachments", new MultipartFormDataContent { { content, "file", "说明.txt" } });
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            attachmentId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.StartsWith("A:", await RawAttachmentKeyAsync(a, attachmentId), StringComparison.Ordinal);
        }

        // 2. B current, A still known: old and new read, new written under B.
        using (var b = WithKeys(root, ("B", keyB), ("A", keyA)))
        {
            people.Add(await RegisterAsync(b));
            Assert.StartsWith("B:", (await RawAsync(b, people[1].Id))[0].Phone, StringComparison.Ordinal);
            foreach (var p in people)
            {
                await AssertRevealsAsync(b, p);
            }

            // 3. Re-encrypt everything under B.
            using var output = new StringWriter();
            Assert.True(await TrustCommands.RunAsync(b.Services, ["privacy", "reencrypt"], output, output) == 0, output.ToString());
            Assert.Contains("under key 'B'", output.ToString(), StringComparison.Ordinal);
            var all = await RawAllAsync(b);
            Assert.All(all, r => Assert.All(new[] { r.IdNumber, r.Phone, r.Address }.OfType<string>(),
                v => Assert.StartsWith("B:", v, StringComparison.Ordinal)));
            Assert.StartsWith("B:", await RawAttachmentKeyAsync(b, attachmentId), StringComparison.Ordinal);
            Assert.Contains("1 of 1 attachments", output.ToString(), StringComparison.Ordinal);
        }

        // 4. A removed: everything still reads, search still finds.
        using (var c = WithKeys(root, ("B", keyB)))
        {
            foreach (var p in people)
            {
                await AssertRevealsAsync(c, p);
            }

            var staff = await SignInAsync(c, Registrar);
            var found = await staff.GetFromJsonAsync<JsonArray>($"/api/petitions/search?phone={people[0].Phone}", XinfangApp.Json);
            Assert.Contains(found!, i => i!["id"]!.GetValue<Guid>() == people[0].Id);
            Assert.Equal(file, await staff.GetByteArrayAsync($"/api/petitions/{people[0].Id}/attachments/{attachmentId}"));
        }
    }

    private static WebApplicationFactory<Program> WithKeys(XinfangApp root, params (string Id, string Key)[] keys) =>
        root.WithWebHostBuilder(b =>
        {
            b.UseSetting($"{PersonalDataProtector.ConfigSection}:Current", keys[0].Id);
            foreach (var (id, key) in keys)
            {
                b.UseSetting($"{PersonalDataProtector.ConfigSection}:Keys:{id}", key);
            }
        });

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Administration.DemoData.DemoPassword })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<(Guid, string, string, string)> RegisterAsync(WebApplicationFactory<Program> app)
    {
        var client = await SignInAsync(app, Registrar);
        var (idNumber, phone, address) = (NewIdNumber(), NewPhone(), "宁波市海曙区" + RandomNumberGenerator.GetInt32(1, 999) + "号");
        var response = await client.PostAsJsonAsync("/api/petitions", Person(idNumber, phone, address), XinfangApp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetGuid(), idNumber, phone, address);
    }

    private static async Task AssertRevealsAsync(WebApplicationFactory<Program> app, (Guid Id, string IdNumber, string Phone, string Address) p)
    {
        var client = await SignInAsync(app, Registrar);
        var response = await client.PostAsync($"/api/petitions/{p.Id}/petitioners/0/reveal", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var full = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(p.IdNumber, full!["idNumber"]!.GetValue<string>());
        Assert.Equal(p.Phone, full["phone"]!.GetValue<string>());
        Assert.Equal(p.Address, full["address"]!.GetValue<string>());
    }

    public sealed record RawPetitioner(int Id, string? IdNumber, string? Phone, string? Address, string? IdNumberIndex, string? PhoneIndex);

    /// <summary>The stored columns, read with raw SQL (no converters).</summary>
    public static async Task<List<RawPetitioner>> RawAsync(WebApplicationFactory<Program> app, Guid petitionId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = db.Database.IsNpgsql() ? (object)petitionId : petitionId.ToString().ToUpperInvariant();
        return await db.Database.SqlQueryRaw<RawPetitioner>(
            """SELECT "Id", "IdNumber", "Phone", "Address", "IdNumberIndex", "PhoneIndex" FROM petitioners WHERE "PetitionId" = {0}""", key).ToListAsync();
    }

    /// <summary>The first bytes of a stored attachment, as text: its key id prefix.</summary>
    private static async Task<string> RawAttachmentKeyAsync(WebApplicationFactory<Program> app, Guid attachmentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<Attachments.PetitionAttachment>().AsNoTracking().Where(x => x.Id == attachmentId).Select(x => x.Content).SingleAsync();
        return System.Text.Encoding.ASCII.GetString(stored, 0, Math.Min(stored.Length, 4));
    }

    private static async Task<List<RawPetitioner>> RawAllAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQueryRaw<RawPetitioner>(
            """SELECT "Id", "IdNumber", "Phone", "Address", "IdNumberIndex", "PhoneIndex" FROM petitioners""").ToListAsync();
    }
}

public sealed class PrivacyOnSqlite(SqliteFixture fixture) : PrivacyTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PrivacyOnPostgres(PostgresFixture fixture) : PrivacyTests(fixture), IClassFixture<PostgresFixture>;
