using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xinfang.Web.Tests.Infrastructure;

/// <summary>One app per test class and provider; created on first use so PostgreSQL classes can skip first.</summary>
public abstract class AppFixture : IDisposable
{
    private readonly Lazy<XinfangApp> _app;

    /// <param name="provider">The database.</param>
    /// <param name="settings">Configuration of the class's choosing, applied last.</param>
    /// <param name="start">The fake clock's first instant, when a test's story needs another day than <see cref="XinfangApp.Start"/>.</param>
    protected AppFixture(Provider provider, IReadOnlyDictionary<string, string>? settings = null, DateTimeOffset? start = null)
    {
        Provider = provider;
        _app = new Lazy<XinfangApp>(() =>
        {
            var app = new XinfangApp(provider, start: start, settings: settings);
            _ = app.Server; // start: migrate and seed now, not inside the first test's timing
            return app;
        });
    }

    public Provider Provider { get; }

    public XinfangApp App
    {
        get
        {
            if (Provider == Provider.Postgres)
            {
                TestServices.RequirePostgres();
            }

            return _app.Value;
        }
    }

    public void Dispose()
    {
        if (_app.IsValueCreated)
        {
            _app.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteFixture() : AppFixture(Provider.Sqlite);

public sealed class PostgresFixture() : AppFixture(Provider.Postgres);

/// <summary>A signed-in staff member's view of the API, with the demo organisations by code.</summary>
public sealed class Staff(HttpClient client, IReadOnlyDictionary<string, Guid> orgs)
{
    public HttpClient Client { get; } = client;

    public Guid Org(string code) => orgs[code];

    public async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string url, object? body)
    {
        var response = await Client.PostAsJsonAsync(url, body ?? new { }, XinfangApp.Json);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Posts an action and insists it succeeded; returns the petition as the API shows it afterwards.</summary>
    public async Task<JsonNode> ActAsync(Guid id, string action, object? body = null)
    {
        var (status, json) = await PostAsync($"/api/petitions/{id}/{action}", body);
        Assert.True(status == HttpStatusCode.OK, $"{action}: {(int)status} {json.ToJsonString()}");
        return json;
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }
}

public static class AppExtensions
{
    public static async Task<Staff> StaffAsync(this XinfangApp app, string userName)
    {
        var client = await app.SignInAsync(userName);
        var orgs = await client.GetFromJsonAsync<List<JsonElement>>("/api/organizations", XinfangApp.Json) ?? [];
        return new Staff(client, orgs.ToDictionary(o => o.GetProperty("code").GetString()!, o => o.GetProperty("id").GetGuid()));
    }

    /// <summary>A well-formed letter; tests change what they exercise.</summary>
    public static Dictionary<string, object?> Letter(string title = "小区物业乱收停车费") => new()
    {
        ["form"] = "Letter",
        ["title"] = title,
        ["content"] = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。",
        ["petitioners"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["name"] = "王建国",
                ["idNumber"] = "11010519491231002X",
                ["phone"] = "13912345678",
                ["address"] = "杭州市西湖区北山街道1幢101室",
            },
        },
    };

    public static async Task<(Guid Id, string Number, string QueryCode, JsonNode Petition)> RegisterAsync(this Staff staff, Dictionary<string, object?> request)
    {
        var (status, json) = await staff.PostAsync("/api/petitions", request);
        Assert.True(status == HttpStatusCode.Created, $"register: {(int)status} {json.ToJsonString()}");
        return (json["id"]!.GetValue<Guid>(), json["number"]!.GetValue<string>(), json["queryCode"]!.GetValue<string>(), json["petition"]!);
    }

    public static string State(this JsonNode petition) => petition["state"]!.GetValue<string>();
}
