using Xinfang.Text;
using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Chinese text in the host (issue 5): full-text search, the analysis shown at registration
/// (class suggestion, route hints, repeat candidates), the classifier's lifecycle and hot spots.
/// Config: <c>Xinfang:Keys:BlindIndex</c>, <c>Xinfang:Text:RetrainHours</c> (24),
/// <c>Xinfang:Text:IndexIntervalSeconds</c> (60), <c>Xinfang:Text:RepeatWindowDays</c> (1095),
/// <c>Xinfang:Text:BackgroundJobs</c> (true).
/// </summary>
public static class TextAnalysisModule
{
    public static WebApplicationBuilder AddTextAnalysis(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        // BlindIndex (the one blind-index key service) is registered by Privacy (issue 4, ADR 0041).
        s.AddSingleton<TextIndexRows>();
        s.AddSingleton<ClassifierService>();
        s.AddSingleton<TextIndexInterceptor>();
        s.AddSingleton<TextIndexWorker>();
        // Index in the registering SaveChanges, whichever provider is configured (the other registration is unused).
        s.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<TextIndexInterceptor>()));
        s.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<TextIndexInterceptor>()));

        s.AddHostedService<TextStartup>();
        if (builder.Configuration.GetValue("Xinfang:Text:BackgroundJobs", true))
        {
            s.AddHostedService(sp => sp.GetRequiredService<TextIndexWorker>());
            s.AddHostedService<ClassifierRetrainWorker>();
        }

        s.AddScoped<FullTextSearch>();
        s.AddScoped<AnalyzePetition>();
        s.AddScoped<FindHotspots>();
        s.AddScoped<ExportHotspots>();
        s.AddScoped<ClassifierAdmin>();
        return builder;
    }

    public static void MapTextAnalysis(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        var petitions = api.MapGroup("/petitions").WithTags("信访件");
        FullTextSearch.Map(petitions);
        AnalyzePetition.Map(petitions);
        var hotspots = api.MapGroup("").WithTags("热点");
        FindHotspots.Map(hotspots);
        ExportHotspots.Map(hotspots);
        ClassifierAdmin.Map(api.MapGroup("/text").WithTags("文本分析"));
    }
}

/// <summary>
/// At start, after the migration: makes sure the full-text structures exist (a regenerated migration
/// may have lost them), loads jieba and the newest classifier model so the first request is not slow.
/// </summary>
public sealed class TextStartup(IServiceScopeFactory scopes, ClassifierService classifier, ILogger<TextStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await TextSearchSchema.EnsureAsync(db.Database, cancellationToken))
            {
                logger.LogWarning("Full-text search structures were missing and have been created: add TextSearchSchema.Apply(migrationBuilder) to the Initial migration");
            }
        }

        _ = ChineseSegmenter.Shared.Segment("信访");
        var model = classifier.Model;
        logger.LogInformation("Content classifier: {Model}", model is null ? "keyword fallback (no model yet)" : model.ModelVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
