using System.Runtime.CompilerServices;
using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Xinfang.E2E.Infrastructure;

/// <summary>
/// One app and one Chromium per test class, started on first use (so a run without Chromium skips
/// quickly); each test gets its own browser context — its own cookies — and page.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private E2EApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public E2EApp App => _app ?? throw new InvalidOperationException("Call RunAsync first");

    /// <summary>
    /// Runs one test in a fresh context. Skips when Chromium is missing (fails under
    /// XINFANG_REQUIRE_SERVICES=1); on failure saves a screenshot to TestResults/e2e.
    /// </summary>
    public Task RunAsync(Func<IPage, Task> test, [CallerMemberName] string name = "") => RunAsync(test, phone: false, name);

    /// <summary>Like <see cref="RunAsync(Func{IPage, Task}, string)"/>; with <paramref name="phone"/> a 390×844 touch screen (the portal is mobile-first).</summary>
    public async Task RunAsync(Func<IPage, Task> test, bool phone, [CallerMemberName] string name = "")
    {
        var chromium = Chromium.Require();
        var browser = await StartAsync(chromium);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf($"{name}.failure.png"), FullPage = true, Timeout = 5_000 });
            }
            catch
            {
                // The screenshot is a courtesy; the test's own exception is what matters.
            }

            throw;
        }
    }

    private async Task<IBrowser> StartAsync(string chromium)
    {
        await _gate.WaitAsync();
        try
        {
            _app ??= new E2EApp();
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _gate.Dispose();
    }
}

/// <summary>Where Chromium is, and whether its absence is a skip or a failure.</summary>
public static class Chromium
{
    public static string PathOf => Environment.GetEnvironmentVariable("XINFANG_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("XINFANG_REQUIRE_SERVICES") == "1";

    public static string Require()
    {
        var path = PathOf;
        if (!File.Exists(path))
        {
            if (Required)
            {
                throw new InvalidOperationException(
                    $"XINFANG_REQUIRE_SERVICES=1 but Chromium was not found at {path}: browser tests must run. " +
                    "Install it (apt-get install -y chromium fonts-wqy-microhei) or set XINFANG_CHROMIUM.");
            }

            Skip.If(true, $"Chromium not found at {path} (install chromium, or set XINFANG_CHROMIUM, to run the browser tests)");
        }

        return path;
    }
}

/// <summary>Files for humans: screenshots under the repository's TestResults/e2e.</summary>
public static class Artifacts
{
    public static string Folder { get; } = Create();

    public static string PathOf(string fileName) => Path.Combine(Folder, fileName);

    private static string Create()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "e2e");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
