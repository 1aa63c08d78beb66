using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Indexes a petition in the same <c>SaveChanges</c> (and so the same transaction) that registers it:
/// its text row, band keys and petitioner blind keys are added before the changes are written, and
/// the classifier's suggestion is recorded against the class the registrar chose. The casework code
/// is untouched; anything saved another way is caught up by <see cref="TextIndexWorker"/> (ADR 0014).
/// </summary>
public sealed class TextIndexInterceptor(TextIndexRows rows, ClassifierService classifier, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddRows(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddRows(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var added = db.ChangeTracker.Entries<Petition>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var p in added)
        {
            var r = rows.For(p);
            db.PetitionTexts.Add(r.Text);
            db.PetitionBandKeys.AddRange(r.BandKeys);
            db.PetitionerBlindKeys.AddRange(r.PetitionerKeys);

            var suggestion = classifier.Suggest(p.Title, p.Content);
            var chosen = string.IsNullOrWhiteSpace(p.ContentClassCode) ? null : p.ContentClassCode.Trim();
            db.ClassificationFeedback.Add(new ClassificationFeedback
            {
                PetitionId = p.Id,
                SuggestedLabel = Truncate(suggestion.Label, 40),
                Confidence = suggestion.Confidence,
                SuggestionWasFallback = suggestion.IsFallback,
                ModelVersion = suggestion.IsFallback ? null : classifier.Model?.ModelVersion,
                ChosenLabel = chosen,
                Accepted = chosen is null ? null : string.Equals(chosen, suggestion.Label, StringComparison.Ordinal),
                RecordedAt = clock.GetUtcNow(),
            });
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
