using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xinfang.Generate;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Operations;
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>
/// The classifier's schedule (ADR 0017): every <c>Xinfang:Text:RetrainHours</c> the instance trains a model from the stored
/// labels; 0 turns the schedule off (the test apps run with it off, since their moved clocks would train at every day).
/// </summary>
public sealed class ClassifierScheduleTests
{
    [Fact]
    public async Task A_day_after_enough_items_are_labelled_the_schedule_trains_a_model()
    {
        var logs = new CapturedLogs();
        using var root = new XinfangApp(Provider.Sqlite, settings: new Dictionary<string, string> { ["Xinfang:Text:RetrainHours"] = "24" });
        using var app = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var classifier = app.Services.GetRequiredService<ClassifierService>();
        // The pass at start finds nothing labelled; the items are made after it, so only the schedule can train on them.
        await WaitForAsync(() => logs.Lines.Any(l => l.Category == typeof(ClassifierRetrainWorker).FullName && l.Message.StartsWith("Content classifier not retrained", StringComparison.Ordinal)));
        await Generator.RunAsync(app.Services, new GenerateOptions(120, Seed: 11, FirstYear: 2026, FocusYear: 2026, FocusShare: 1, Batch: 120), TextWriter.Null, default);
        Assert.Null(classifier.Model);

        root.Advance(TimeSpan.FromHours(23));
        await Task.Delay(200);
        Assert.Null(classifier.Model); // not yet a day

        root.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(() => classifier.Model is not null);
        Assert.Single(Directory.GetFiles(classifier.Folder, "*.xftc"));
    }

    [Fact]
    public async Task With_the_schedule_off_the_worker_ends_at_once_and_trains_nothing()
    {
        using var app = new XinfangApp(Provider.Sqlite); // the test apps' default: RetrainHours 0
        var classifier = app.Services.GetRequiredService<ClassifierService>();
        await Generator.RunAsync(app.Services, new GenerateOptions(120, Seed: 11, FirstYear: 2026, FocusYear: 2026, FocusShare: 1, Batch: 120), TextWriter.Null, default);
        var worker = app.Services.GetServices<IHostedService>().OfType<ClassifierRetrainWorker>().Single();
        Assert.True(worker.ExecuteTask?.IsCompletedSuccessfully, "the worker should have ended");

        app.Advance(TimeSpan.FromDays(2));
        await Task.Delay(200);
        Assert.Null(classifier.Model);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "waited three minutes");
    }
}
