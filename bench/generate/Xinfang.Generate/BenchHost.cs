using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Data;

namespace Xinfang.Generate;

/// <summary>
/// The app itself, in process, over the bench database: it migrates, seeds the demo jurisdiction and
/// accounts (no demo petitions) and hands the generator its services — the context with the model's
/// personal-data converters, the blind index, the query-code key, the deadline settings. Keys are read
/// from (or created in) <paramref name="keyFolder"/>, which the app started by bench/statistics/run uses too.
/// Background work that would touch the items while they are written is off.
/// </summary>
public sealed class BenchHost(string provider, string connection, string dataFolder, string keyFolder, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    static BenchHost()
    {
        // The app's content root (wwwroot, appsettings): src/Xinfang.Web of the checkout this runs from.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
            {
                var root = Path.Combine(dir.FullName, "src", "Xinfang.Web");
                Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_XINFANG_WEB", root);
                Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_Xinfang_Web", root);
                break;
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Xinfang", connection);
        builder.UseSetting("Xinfang:DataFolder", dataFolder);
        builder.UseSetting("Xinfang:KeyFolder", keyFolder);
        builder.UseSetting("Xinfang:Demo:Enabled", "true");
        builder.UseSetting("Xinfang:Demo:Petitions", "0");
        builder.UseSetting("Xinfang:Supervision:RunInBackground", "false");
        builder.UseSetting("Xinfang:Text:BackgroundJobs", "false");
        builder.UseSetting("Xinfang:Statistics:CatchUpAtStart", "false");
        builder.UseSetting("Xinfang:Accounts:TwoFactorRequiredFor", "None");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        // The benchmark reads the SQL the app sends (Measure.Capture records only while switched on).
        // A bench database may carry an index the committed migration does not have yet (the integrator regenerates the
        // one Initial migration after a merge): the model's pending change is not a reason to refuse to measure.
        builder.ConfigureServices(s => s.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new Measure.Capture())
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))));
    }
}
