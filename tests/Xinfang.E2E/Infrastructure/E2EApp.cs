using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Xinfang.E2E.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (127.0.0.1, port chosen by the OS), in this process so the
/// tests hold its <see cref="FakeTimeProvider"/>. A fresh SQLite file with the demo jurisdiction,
/// accounts and a handful of demo petitions, so lists are not empty.
/// </summary>
public sealed class E2EApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = Xinfang.Web.Administration.DemoData.DemoPassword;

    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xinfang-e2e", Guid.NewGuid().ToString("N"));

    public E2EApp()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses");
        var address = addresses.First();
        // Kestrel may report http://[::]:port or http://localhost:port; the browser goes to 127.0.0.1.
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Where the browser goes, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public Xinfang.Web.Tests.Infrastructure.TestClock Clock { get; } = new(Start);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot (app.css) from the build output's static web assets manifest, as `dotnet run` does:
        // outside Development this is off, and the pages would render unstyled (no red overdue rows).
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Xinfang", $"Data Source={Path.Combine(_folder, "e2e.db")}");
        builder.UseSetting("Xinfang:DataFolder", _folder);
        builder.UseSetting("Xinfang:Demo:Enabled", "true"); // demo data is opt-in outside Development (issue 9)
        builder.UseSetting("Xinfang:Demo:Petitions", "30");
        // The tests move the fake clock by hours and use the demo administrator without an authenticator app:
        // the 30-minute idle timeout and the administrators' two-factor rule have their own tests (SessionTests).
        builder.UseSetting("Xinfang:Accounts:IdleTimeout", "08:00:00");
        builder.UseSetting("Xinfang:Accounts:TwoFactorRequiredFor", "None");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>An HTTP client over the real socket (not the in-memory test server), signed in through the API, cookies kept.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = Address };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoPassword }, Json);
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"API sign-in as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Registers a letter at the signed-in registrar's bureau; returns its number and query code.</summary>
    public static async Task<(string Number, string QueryCode)> RegisterLetterAsync(HttpClient registrar, string title, bool twoPetitioners = false)
    {
        var first = new Dictionary<string, object?>
        {
            ["name"] = "王建国",
            ["idNumber"] = "11010519491231002X",
            ["phone"] = "13912345678",
            ["address"] = "杭州市西湖区北山街道1幢101室",
        };
        var second = new Dictionary<string, object?> { ["name"] = "李秀英", ["phone"] = "13700001111" };
        var request = new Dictionary<string, object?>
        {
            ["form"] = "Letter",
            ["title"] = title,
            ["content"] = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。",
            ["petitioners"] = twoPetitioners ? new[] { first, second } : new[] { first },
        };
        var response = await registrar.PostAsJsonAsync("/api/petitions", request, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"register: {(int)response.StatusCode} {text}");
        }

        var json = JsonNode.Parse(text)!;
        return (json["number"]!.GetValue<string>(), json["queryCode"]!.GetValue<string>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is the OS's to clean.
        }
    }
}
