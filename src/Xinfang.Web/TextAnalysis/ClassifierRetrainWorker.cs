using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Retrains the content classifier every <c>Xinfang:Text:RetrainHours</c> (default 24) from the
/// stored labels; at start it trains at once when no model file exists and enough items are labelled.
/// Each instance trains for itself from the shared database (training is deterministic for the same
/// data), so several instances need no shared disk. <c>RetrainHours</c> 0 turns the schedule off: the
/// model then changes only when an administrator retrains it (a bureau that wants one model for a
/// season; the test apps, whose moved clocks would otherwise train a model at every simulated day).
/// </summary>
public sealed class ClassifierRetrainWorker(IServiceScopeFactory scopes, ClassifierService classifier, TimeProvider clock, IConfiguration configuration, ILogger<ClassifierRetrainWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hours = configuration.GetValue("Xinfang:Text:RetrainHours", 24.0);
        if (hours <= 0)
        {
            logger.LogInformation("Scheduled classifier retraining is off (Xinfang:Text:RetrainHours = {Hours}); administrators retrain by hand", hours);
            return;
        }

        hours = Math.Clamp(hours, 0.01, 24 * 365);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(hours), clock);
        var first = true;
        do
        {
            if (first && classifier.Model is not null)
            {
                first = false;
                continue;
            }

            first = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await classifier.RetrainAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
                if (!result.Trained)
                {
                    logger.LogInformation("Content classifier not retrained: {Reason}", result.SkippedReason);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Content classifier retraining failed; keeping the current model");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
