using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Web.Data;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Speed;

/// <summary>
/// The app's PostgreSQL connections go back to the pool without the session reset (No Reset On Close, ADR 0182), so
/// nothing the app does may leave session state on a connection for the next request to inherit. With a pool of one
/// connection, the next request gets the very connection the job used.
/// </summary>
public sealed class SessionStateTests
{
    [SkippableFact]
    public async Task The_deadline_sweep_leaves_no_setting_on_its_connection()
    {
        TestServices.RequirePostgres();
        using var root = new XinfangApp(Provider.Postgres);
        var onePool = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnection) { Database = root.PostgresDatabase, MaxPoolSize = 1 }.ConnectionString;
        using var app = root.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Xinfang", onePool));

        var (pid, mode) = await ConnectionAsync(app.Services);
        Assert.Equal("auto", mode);

        var swept = await app.Services.GetRequiredService<DeadlineSweeper>().SweepOnceAsync(root.Clock.GetUtcNow(), CancellationToken.None);
        Assert.True(swept.Swept);

        var (after, modeAfter) = await ConnectionAsync(app.Services);
        Assert.Equal(pid, after); // the same physical connection the sweep used
        Assert.Equal("auto", modeAfter);
    }

    [Fact]
    public void The_app_connects_without_the_pool_reset_unless_told_otherwise()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(DataSetup.WithPostgresDefaults("Host=db")).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DataSetup.WithPostgresDefaults("Host=db;No Reset On Close=false")).NoResetOnClose);
    }

    private static async Task<(int Pid, string Mode)> ConnectionAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pid = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        var mode = await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();
        return (pid, mode);
    }
}
