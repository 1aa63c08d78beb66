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

    /// <summary>
    /// Where the item stands on the petitioner's progress bar (登记 → 转送/交办 → 受理 → 办理 → 答复 → 评价).
    /// An item that ended early (不予受理, guided elsewhere) stays on the step where it ended.
    /// </summary>
    public static PetitionerStage StageOf(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.State switch
        {
            PetitionState.Registered => PetitionerStage.Registered,
            PetitionState.Forwarded or PetitionState.Assigned or PetitionState.ObjectionRaised or PetitionState.GuidedToPoliticalLegal => PetitionerStage.Dispatched,
            PetitionState.Accepted or PetitionState.Declined or PetitionState.RefusedAgain => PetitionerStage.Accepted,
            PetitionState.Handling or PetitionState.Decided or PetitionState.GuidedToProcedure => PetitionerStage.Handling,
            _ when petition.ServedOn is null => PetitionerStage.Handling,
            _ => petition.RatedOn is null ? PetitionerStage.Answered : PetitionerStage.Rated,
        };
    }

    /// <summary>
    /// The clocks the petitioner is told about (domain.md §6): what a body owes them — disposition
    /// (条例 Art. 22), notice of receipt (Art. 23), handling (Art. 34), the 复查 and 复核 opinions
    /// (Arts. 35, 36) — and the windows that are theirs (asking for 复查/复核, rating). Internal
    /// clocks (an objection between bodies, a completion report to the assigning bureau, the hour
    /// limits of urgent items) stay with staff. Only clocks still running, earliest first.
    /// </summary>
    public static IReadOnlyList<PetitionDeadline> DeadlinesOf(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.Deadlines
            .Where(d => d.IsOpen && d.Kind is DeadlineKind.BureauDisposition or DeadlineKind.NoticeOfReceipt or DeadlineKind.Handling
                or DeadlineKind.ReviewRequest or DeadlineKind.ReviewOpinion or DeadlineKind.ReReviewRequest or DeadlineKind.ReReviewOpinion or DeadlineKind.Rating)
            .Where(d => d.Kind != DeadlineKind.Rating || Evaluation.EvaluationRules.TakesPart(petition))
            .OrderBy(d => d.DueOn)
            .ToList();
    }
}

/// <summary>The steps of the petitioner's progress bar, in order.</summary>
public enum PetitionerStage
{
    /// <summary>登记.</summary>
    Registered = 0,
    /// <summary>转送/交办.</summary>
    Dispatched = 1,
    /// <summary>受理.</summary>
    Accepted = 2,
    /// <summary>办理.</summary>
    Handling = 3,
    /// <summary>答复: the written reply was served.</summary>
    Answered = 4,
    /// <summary>评价: the petitioner rated.</summary>
    Rated = 5,
}
