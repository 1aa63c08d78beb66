namespace Xinfang.Domain.Petitions;

/// <summary>One step of the item as the petitioner reads it: when, what, and the line addressed to them.</summary>
public sealed record PetitionerStep(int Sequence, DateTimeOffset At, string Action, string Summary, Guid? DocumentId, DateOnly OccurredOn);

/// <summary>
/// What the petitioner sees of an item through number + query code (domain.md §8): the steps and
/// documents addressed to them, and nothing else — no clerk's notes, staff names, reports to other
/// bodies or objections between units. The one rule: every public path (/track, /api/public) reads
/// the item through <see cref="Of"/>; the audience of each entry is set by the domain method that
/// wrote it (docs/domain/lifecycle.md, "What the petitioner sees").
/// </summary>
public sealed record ViewForPetitioner(IReadOnlyList<PetitionerStep> Steps, IReadOnlyList<PetitionDocument> Documents)
{
    public static ViewForPetitioner Of(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var documents = petition.Documents.Where(d => d.Audience == Audience.Petitioner).ToList();
        var shown = documents.Select(d => d.Id).ToHashSet();
        var steps = petition.History
            .Where(h => h.Audience == Audience.Petitioner && h.PetitionerSummary is not null)
            .OrderBy(h => h.Sequence)
            .Select(h => new PetitionerStep(h.Sequence, h.At, h.Action, h.PetitionerSummary!, h.DocumentId is { } id && shown.Contains(id) ? id : null, h.OccurredOn))
            .ToList();
        return new ViewForPetitioner(steps, documents);
    }
}
