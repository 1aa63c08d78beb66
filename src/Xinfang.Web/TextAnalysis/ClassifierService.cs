using Microsoft.EntityFrameworkCore;
using Xinfang.Text;
using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Holds the content classifier of this instance: the newest model file in
/// <c>{data folder}/classifier</c>, loaded at start; retrained from the deployment's own labelled
/// petitions (the stored content class is the label, so registrars' corrections train the next
/// model); the keyword fallback while there is no model. Thread-safe: the model is swapped whole.
/// </summary>
public sealed class ClassifierService(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<ClassifierService> logger) : IDisposable
{
    /// <summary>
    /// The newest labelled items trained on; bounds memory and training time. With hashed features
    /// (issue 15, docs/text.md "Training at scale") 100,000 items train within the measured time and
    /// memory of bench/RESULTS.md; a city's year beyond that trains on its newest 100,000.
    /// </summary>
    public const int MaxTrainingItems = 100_000;

    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly Lock _loading = new();
    private volatile ClassifierModel? _model;
    private bool _loaded;

    public string Folder { get; } = Path.Combine(DataSetup.DataFolder(configuration, environment), "classifier");

    public ClassifierModel? Model
    {
        get
        {
            EnsureLoaded();
            return _model;
        }
    }

    public ClassSuggestion Suggest(string? title, string? content) => ContentClassifier.Suggest(Model, title, content);

    public sealed record RetrainResult(bool Trained, int LabelledItems, string? ModelVersion, string? File, string? SkippedReason);

    /// <summary>Trains on the stored labels and saves a new versioned file; skips below <see cref="ContentClassifier.MinimumTrainingItems"/>.</summary>
    public async Task<RetrainResult> RetrainAsync(AppDbContext db, CancellationToken ct)
    {
        await _training.WaitAsync(ct);
        try
        {
            // Training reads the whole deployment's classified texts; nothing of them is shown to anyone.
            var items = await db.PetitionsAcrossDeployment.AsNoTracking()
                .Where(p => p.ContentClassCode != null && p.ContentClassCode != "")
                .OrderByDescending(p => p.RegisteredAt)
                .Take(MaxTrainingItems)
                .Select(p => new LabelledText(p.Title, p.Content, p.ContentClassCode!))
                .ToListAsync(ct);
            if (items.Count < ContentClassifier.MinimumTrainingItems)
            {
                return new RetrainResult(false, items.Count, _model?.ModelVersion, null, $"已标注的信访件不足{ContentClassifier.MinimumTrainingItems}件，继续使用关键词规则");
            }

            if (items.Select(i => i.Label.Trim()).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                return new RetrainResult(false, items.Count, _model?.ModelVersion, null, "已标注的信访件只有一个分类，无法训练");
            }

            var model = await Task.Run(() => new ContentClassifier(clock).Train(items), ct);
            var file = ClassifierModelFiles.Save(Folder, model);
            _model = model;
            _loaded = true;
            logger.LogInformation("Content classifier {Version} trained on {Count} items, saved to {File}", model.ModelVersion, items.Count, file);
            return new RetrainResult(true, items.Count, model.ModelVersion, Path.GetFileName(file), null);
        }
        finally
        {
            _training.Release();
        }
    }

    public void Dispose() => _training.Dispose();

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        lock (_loading)
        {
            if (_loaded)
            {
                return;
            }

            try
            {
                _model = ClassifierModelFiles.LoadLatest(Folder);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // A file of another format version: keep the fallback until the next retrain replaces it.
                logger.LogWarning(e, "Content classifier model in {Folder} not loaded; using keyword fallback until retrained", Folder);
            }

            _loaded = true;
        }
    }
}
