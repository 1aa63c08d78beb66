using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Web.Administration;
using Xinfang.Web.Data;
using Xinfang.Web.Intake;
using Xinfang.Web.Privacy;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// The app started as an operator would start it (environment Production, no demo opt-in) — issue 9 finding 5:
/// it refuses to start without a key folder outside the data folder or without AllowedHosts; with them it
/// creates no accounts, writes owner-only key files, hides the API documents from anonymous callers, answers
/// a forged Host with 400, sends HSTS over HTTPS and marks its cookies Secure.
/// </summary>
public abstract class ProductionDefaultsTests(Provider provider)
{
    private sealed class ProductionApp : WebApplicationFactory<Program>
    {
        private readonly Dictionary<string, string> _settings;
        private readonly string? _postgresDatabase;

        public ProductionApp(Provider provider, Func<string, Dictionary<string, string>> settings)
        {
            Directory.CreateDirectory(Root);
            _settings = settings(Root);
            _settings["Database:Provider"] = provider.ToString();
            _settings["Xinfang:DataFolder"] = DataFolder;
            if (provider == Provider.Postgres)
            {
                TestServices.RequirePostgres();
                var admin = TestServices.PostgresConnection!;
                _postgresDatabase = "xinfang_p_" + Guid.NewGuid().ToString("N")[..12];
                using (var c = new NpgsqlConnection(admin))
                {
                    c.Open();
                    using var cmd = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", c);
                    cmd.ExecuteNonQuery();
                }

                _settings["ConnectionStrings:Xinfang"] = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase }.ConnectionString;
            }
        }

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "xinfang-tests", "prod-" + Guid.NewGuid().ToString("N"));

        public string DataFolder => Path.Combine(Root, "data");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (k, v) in _settings)
            {
                builder.UseSetting(k, v);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && _postgresDatabase is not null)
            {
                TestServices.DropDatabase(_postgresDatabase);
            }

            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file; the temp folder is cleaned by the OS.
            }
        }
    }

    private static Dictionary<string, string> Safe(string root) => new()
    {
        ["Xinfang:KeyFolder"] = Path.Combine(root, "keys"),
        ["AllowedHosts"] = "xinfang.test;localhost",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static string Refusal(ProductionApp app)
    {
        var e = Record.Exception(() => app.Server);
        Assert.NotNull(e);
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            messages.Add(x.Message);
        }

        return string.Join(" | ", messages);
    }

    [SkippableFact]
    public void A_start_without_a_key_folder_is_refused()
    {
        using var app = new ProductionApp(provider, root => new() { ["AllowedHosts"] = "xinfang.test" });
        Assert.Contains("Xinfang:KeyFolder is not configured", Refusal(app), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_key_folder_inside_the_data_folder_is_refused()
    {
        using var app = new ProductionApp(provider, root => new() { ["AllowedHosts"] = "xinfang.test", ["Xinfang:KeyFolder"] = Path.Combine(root, "data", "keys") });
        Assert.Contains("inside the data folder", Refusal(app), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_start_without_allowed_hosts_is_refused()
    {
        using var app = new ProductionApp(provider, root => new() { ["Xinfang:KeyFolder"] = Path.Combine(root, "keys") });
        Assert.Contains("AllowedHosts", Refusal(app), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_safe_start_creates_no_accounts_and_owner_only_key_files_outside_the_data()
    {
        using var app = new ProductionApp(provider, Safe);
        _ = app.Server;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(0, await db.Organizations.CountAsync());
            Assert.Equal(0, await db.Petitions.CountAsync());
            _ = scope.ServiceProvider.GetRequiredService<SecretKeys>();
            _ = scope.ServiceProvider.GetRequiredService<BlindIndex>();
            _ = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        }

        var keys = Path.Combine(app.Root, "keys");
        string[] files = ["query-code.key", "blind-index.key", "personal-data.key"];
        foreach (var f in files)
        {
            Assert.True(File.Exists(Path.Combine(keys, f)), f);
            Assert.False(File.Exists(Path.Combine(app.DataFolder, f)), f + " in the data folder");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, f)));
            }
        }

        // Nobody can sign in with the README's demo password.
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://xinfang.test") });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "demo.zj.admin", password = DemoData.DemoPassword })).StatusCode);
    }

    [SkippableFact]
    public async Task The_first_administrator_is_made_on_the_command_line_with_the_password_from_standard_input()
    {
        using var app = new ProductionApp(provider, Safe);
        _ = app.Server;
        const string password = "Ops-admin-pass-2026";
        var output = new StringWriter();
        var error = new StringWriter();
        string[] command = ["admin", "create-administrator", "ops.admin", "330000XFJ", "浙江省信访局", "330000"];
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, command, new StringReader(password + "\n"), output, error));
        Assert.Contains("ops.admin", output.ToString(), StringComparison.Ordinal);
        // Only while none exists.
        Assert.Equal(1, await AdminCommands.RunAsync(app.Services, ["admin", "create-administrator", "ops.admin2", "330000XFJ"], new StringReader(password + "\n"), output, error));

        // Signed in over HTTPS: a Secure cookie, and an administrator without two-factor can only set it up.
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://xinfang.test") });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "ops.admin", password });
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("xinfang.staff=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/audit/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/2fa")).StatusCode);
    }

    [SkippableFact]
    public async Task Api_documents_need_a_sign_in_a_forged_host_is_refused_and_https_answers_carry_hsts()
    {
        using var app = new ProductionApp(provider, Safe);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://xinfang.test") });
        foreach (var url in new[] { "/openapi/v1.json", "/scalar", "/scalar/v1" })
        {
            var r = await client.GetAsync(url);
            Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{url}: {(int)r.StatusCode}");
            if (r.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/login", r.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }

        var health = await client.GetAsync("/health");
        Assert.Contains("max-age=", string.Join(",", health.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/workbench");
        forged.Headers.Host = "evil.example";
        var answer = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("evil.example", answer.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Api_documents_can_be_configured_public()
    {
        using var app = new ProductionApp(provider, root => new(Safe(root)) { ["Xinfang:ApiDocs:Public"] = "true" });
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://xinfang.test") });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}

public sealed class ProductionDefaultsOnSqlite() : ProductionDefaultsTests(Provider.Sqlite);

public sealed class ProductionDefaultsOnPostgres() : ProductionDefaultsTests(Provider.Postgres);

/// <summary>Wherever the Host header is accepted (Development allows any), redirects never carry it.</summary>
public sealed class ForgedHostTests(SecuritySqliteFixture fixture) : IClassFixture<SecuritySqliteFixture>
{
    [Fact]
    public async Task A_forged_host_is_not_reflected_into_the_sign_in_redirect()
    {
        var client = fixture.App.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/workbench");
        request.Headers.Host = "evil.example";
        var r = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.DoesNotContain("evil.example", r.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/login?ReturnUrl=", r.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_files_written_by_the_test_host_are_owner_only()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        _ = scope.ServiceProvider.GetRequiredService<SecretKeys>();
        _ = scope.ServiceProvider.GetRequiredService<BlindIndex>();
        _ = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var folder = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Xinfang:DataFolder"]!;
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes there
        }

        foreach (var f in new[] { "query-code.key", "blind-index.key", "personal-data.key" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, f)));
        }
    }
}
