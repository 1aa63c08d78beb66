using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Operations;

/// <summary>
/// Graceful shutdown on a real Kestrel port: a request in flight when the host is told to stop still gets its
/// whole answer; the stop waits for it (within Xinfang:Operations:ShutdownTimeout) instead of cutting it off.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_request_in_flight_when_the_host_stops_completes_and_the_stop_waits_for_it()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var root = new XinfangApp(Provider.Sqlite, settings: new Dictionary<string, string> { ["Xinfang:Operations:ShutdownTimeout"] = "00:00:20" });
        var app = root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new SlowEndpoint(entered, release))));
        app.UseKestrel(0);
        app.StartServer();

        Assert.Equal(TimeSpan.FromSeconds(20), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };

        var slow = http.GetAsync("/slow-for-the-test");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = app.Services.GetRequiredService<IHost>().StopAsync();

        // The host waits for the request: a second later it has not finished stopping.
        var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.NotSame(stopping, first);
        Assert.False(slow.IsCompleted);

        release.SetResult();
        var response = await slow.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("全部写完", await response.Content.ReadAsStringAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A request that takes as long as the test says: it signals that it started, then waits to be released.</summary>
    private sealed class SlowEndpoint(TaskCompletionSource entered, TaskCompletionSource release) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (context.Request.Path != "/slow-for-the-test")
                {
                    await inner(context);
                    return;
                }

                entered.SetResult();
                await release.Task;
                await context.Response.WriteAsync("全部写完");
            });
            next(app);
        };
    }
}
