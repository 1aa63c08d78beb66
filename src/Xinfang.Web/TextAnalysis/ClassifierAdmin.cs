using Microsoft.EntityFrameworkCore;
using Xinfang.Text;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// The classifier's state and an on-demand retrain (administrators). The status shows how often
/// registrars accepted or corrected suggestions — counts of matters, no people.
/// </summary>
public sealed class ClassifierAdmin(AppDbContext db, CurrentStaff staff, ClassifierService classifier)
{
    public sealed record Correction(string Suggested, string Chosen, int Count);

    public sealed record Status(bool HasModel, string? ModelVersion, DateTimeOffset? TrainedAt, int? TrainingItems, IReadOnlyList<string> Labels,
        int MinimumTrainingItems, int Accepted, int Corrected, IReadOnlyList<Correction> TopCorrections);

    public async Task<IResult> StatusAsync(CancellationToken ct) => TypedResults.Ok(await ReadAsync(ct));

    /// <summary>The status for the API and the page /admin/classifier alike.</summary>
    public async Task<Status> ReadAsync(CancellationToken ct)
    {
        var model = classifier.Model;
        var accepted = await db.ClassificationFeedback.CountAsync(f => f.Accepted == true, ct);
        var corrected = await db.ClassificationFeedback.CountAsync(f => f.Accepted == false, ct);
        var top = await db.ClassificationFeedback.Where(f => f.Accepted == false)
            .GroupBy(f => new { f.SuggestedLabel, f.ChosenLabel })
            .Select(g => new { g.Key.SuggestedLabel, g.Key.ChosenLabel, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(10).ToListAsync(ct);
        return new Status(model is not null, model?.ModelVersion, model?.TrainedAt, model?.TrainingItems,
            model?.Labels ?? KeywordFallbackClassifier.Labels, ContentClassifier.MinimumTrainingItems, accepted, corrected,
            top.Select(t => new Correction(t.SuggestedLabel, t.ChosenLabel!, t.Count)).ToList());
    }

    public async Task<IResult> RetrainAsync(CancellationToken ct)
    {
        if (staff.Role != StaffRole.Administrator)
        {
            return Answers.Forbidden("只有系统管理员可以重新训练分类模型");
        }

        return TypedResults.Ok(await classifier.RetrainAsync(db, ct));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/classifier", (ClassifierAdmin uc, CancellationToken ct) => uc.StatusAsync(ct))
            .WithSummary("内容分类模型状态及登记人员采纳/更正情况").Produces<Status>();
        group.MapPost("/classifier/retrain", (ClassifierAdmin uc, CancellationToken ct) => uc.RetrainAsync(ct))
            .WithSummary("用本系统已分类的信访件重新训练内容分类模型（管理员）").Produces<ClassifierService.RetrainResult>().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
