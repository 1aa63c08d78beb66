using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Fuzz;

/// <summary>
/// Found by the fuzz benchmark on PostgreSQL (bench/fuzz/run): a petition number holding NUL
/// reached the database, which refuses NUL in text, and the progress query answered 500. Every text
/// field is checked by the one rule (<c>RequestErrors.Text</c>): control characters other than tab
/// and line breaks are a 400 naming the field, on both providers.
/// </summary>
public abstract class ControlCharacterTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Nul_in_a_text_field_is_a_400_naming_the_field_never_a_500()
    {
        var anonymous = App.CreateClient();
        var progress = await anonymous.PostAsJsonAsync("/api/public/progress", new { number = "\u0000", queryCode = "ABCD1234" });
        await AssertNamedAsync(progress, "number");

        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await App.WithDbAsync(db => db.Petitions.CountAsync());
        var letter = AppExtensions.Letter("标题\u0000含空字符");
        var register = await registrar.Client.PostAsJsonAsync("/api/petitions", letter, XinfangApp.Json);
        await AssertNamedAsync(register, "title");
        Assert.Equal(before, await App.WithDbAsync(db => db.Petitions.CountAsync()));

        // Tabs and line breaks are ordinary text.
        var ok = await registrar.Client.PostAsJsonAsync("/api/petitions", AppExtensions.Letter("标题\t含制表符"), XinfangApp.Json);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    private static async Task AssertNamedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.Parse(body)!["errors"]?.AsObject().ContainsKey(field) == true, body);
    }
}

public sealed class ControlCharactersOnSqlite(SqliteFixture fixture) : ControlCharacterTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ControlCharactersOnPostgres(PostgresFixture fixture) : ControlCharacterTests(fixture), IClassFixture<PostgresFixture>;
