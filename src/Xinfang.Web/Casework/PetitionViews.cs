using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>
/// A petitioner as staff screens show it: ID, phone and address masked (domain.md §12); the full
/// values are a separate, audited request (Privacy/RevealPersonalData).
/// </summary>
public sealed record PetitionerView(int Ordinal, string? Name, string? IdNumberMasked, string? PhoneMasked, string? AddressMasked, string? Workplace, bool IsPrincipal)
{
    public static PetitionerView From(Petitioner p) => new(
        p.Ordinal,
        p.Name,
        p.IdNumber is null ? null : ChineseIdNumber.Mask(p.IdNumber),
        p.Phone is null ? null : PhoneNumber.Mask(p.Phone),
        AddressMask.Mask(p.Address),
        p.Workplace,
        p.IsPrincipal);
}

/// <summary>Keeps the district-level start of an address (enough to route the item), hides the rest.</summary>
internal static class AddressMask
{
    public static string? Mask(string? address) => address is null ? null : address.Length <= 6 ? new string('*', address.Length) : string.Concat(address.AsSpan(0, 6), "****");
}

/// <summary>
/// One step of the history: <paramref name="OccurredOn"/> is the day it happened (发生日期, the clocks count
/// from it); <paramref name="RecordedAt"/> and <paramref name="RecordedBy"/> when and by whom it was entered
/// (<paramref name="At"/> and <paramref name="ActorName"/> are the same, kept for existing clients).
/// </summary>
public sealed record HistoryView(int Sequence, DateTimeOffset At, string Action, string ActionName, string ActorName, string? FromState, string ToState, string Summary, Guid? DocumentId,
    DateOnly OccurredOn, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record DocumentView(Guid Id, string Kind, string Title, string Body, DateOnly IssuedOn, bool AddressedToPetitioner);

/// <summary>One clock of the item; <paramref name="KindName"/> is its Chinese name with the article that sets it.</summary>
public sealed record DeadlineView(string Kind, string KindName, DateOnly StartedOn, DateOnly DueOn, DateTime DueAtUtc, bool Provisional, string Explanation, DateOnly? MetOn, bool Cancelled, bool Overdue);

public sealed record ActionView(string Action, string Name);

/// <summary>The whole item with its history, documents and clocks, for staff.</summary>
public sealed record PetitionDetail(
    Guid Id,
    string Number,
    string Title,
    string Content,
    string Form,
    string FormName,
    string Category,
    string Purpose,
    string State,
    string StateName,
    string NationalState,
    Guid RegisteringOrganizationId,
    string? RegisteringOrganizationName,
    Guid CurrentOrganizationId,
    string? CurrentOrganizationName,
    Guid? HandlingOrganizationId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RegisteredAt,
    string RegisteredBy,
    bool Anonymous,
    bool Collective,
    int HeadCount,
    int VisitBatches,
    int? InvolvedCount,
    bool Urgent,
    bool LitigationRelated,
    bool SkippedLevel,
    bool IsRepeat,
    Guid? FirstItemId,
    string? ContentClassCode,
    string? IssueLocationCode,
    string? Accused,
    string? Route,
    string? DecisionOutcome,
    DateOnly? AcceptedOn,
    DateOnly? ServedOn,
    string? BureauRating,
    string? UnitRating,
    string? EvaluationStatus,
    string EvaluationStatusName,
    DateOnly? CurrentDueOn,
    bool Overdue,
    int Version,
    IReadOnlyList<PetitionerView> Petitioners,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<HistoryView> History,
    IReadOnlyList<ActionView> AllowedActions,
    WorkflowView? Workflow = null,
    string? ReviewOutcome = null,
    string? ReviewOutcomeName = null,
    string? ReReviewOutcome = null,
    string? ReReviewOutcomeName = null,
    string? ResponsibleOfficerId = null,
    string? ResponsibleOfficerName = null)
{
    /// <summary>
    /// The staff view of an item. <paramref name="mayReveal"/> is the caller's RevealPersonalData right
    /// on this item (Identity/PetitionAuthorization.cs): without it, ID numbers and mobiles typed into
    /// title, content, history and documents are masked (<see cref="PersonalDataInText"/>), as the
    /// petitioner's own fields always are.
    /// </summary>
    public static PetitionDetail From(Petition p, DateOnly today, IReadOnlyDictionary<Guid, string> organizationNames, bool mayReveal)
    {
        string T(string text) => mayReveal ? text : PersonalDataInText.Mask(text);
        return new(
        p.Id,
        p.Number,
        T(p.Title),
        T(p.Content),
        p.Form.ToString(),
        CodeNames.Of(p.Form),
        p.Category.ToString(),
        p.Purpose.ToString(),
        p.State.ToString(),
        Lifecycle.NameOf(p.State),
        p.NationalStateOn(today).ToString(),
        p.RegisteringOrganizationId,
        organizationNames.GetValueOrDefault(p.RegisteringOrganizationId),
        p.CurrentOrganizationId,
        organizationNames.GetValueOrDefault(p.CurrentOrganizationId),
        p.HandlingOrganizationId,
        p.ReceivedAt,
        p.RegisteredAt,
        p.RegisteredBy,
        p.Anonymous,
        p.Collective,
        p.HeadCount,
        p.VisitBatches,
        p.InvolvedCount,
        p.Urgent,
        p.LitigationRelated,
        p.SkippedLevel,
        p.IsRepeat,
        p.FirstItemId,
        p.ContentClassCode,
        p.IssueLocationCode,
        p.Accused is null ? null : T(p.Accused),
        p.Route?.ToString(),
        p.DecisionOutcome?.ToString(),
        p.AcceptedOn,
        p.ServedOn,
        p.BureauRating?.ToString(),
        p.UnitRating?.ToString(),
        p.EvaluationStatusOn(today)?.ToString(),
        Domain.Evaluation.EvaluationRules.NameOf(p.EvaluationStatusOn(today)),
        p.CurrentDueOn,
        p.IsOverdueOn(today),
        p.Version,
        p.Petitioners.OrderBy(x => x.Ordinal).Select(PetitionerView.From).ToList(),
        p.Deadlines.Select(d => new DeadlineView(d.Kind.ToString(), CodeNames.Of(d.Kind), d.StartedOn, d.DueOn, d.DueAtUtc, d.Provisional, d.Explanation, d.MetOn, d.Cancelled, d.IsOverdueOn(today))).ToList(),
        p.Documents.Select(d => new DocumentView(d.Id, d.Kind.ToString(), T(d.Title), T(d.Body), d.IssuedOn, d.AddressedToPetitioner)).ToList(),
        p.History.OrderBy(h => h.Sequence).Select(h => new HistoryView(h.Sequence, h.At, h.Action, HistoryActionName(h.Action), h.ActorName, h.FromState?.ToString(), h.ToState.ToString(), T(h.Summary), h.DocumentId, h.OccurredOn, h.At, h.ActorName)).ToList(),
        p.AllowedActions.Select(a => new ActionView(a.ToString(), Lifecycle.NameOf(a))).ToList(),
        WorkflowView.Of(p, T), // wb-workflow (issue 13): a draft to sign off, an extension request, a voided registration
        // 复查/复核 outcomes (ADR 0084) and the 首办责任人 named by the body holding the item now (ADR 0091): the API
        // carries what the page shows.
        p.ReviewOutcome?.ToString(),
        p.ReviewOutcome is { } ro ? CodeNames.Of(ro) : null,
        p.ReReviewOutcome?.ToString(),
        p.ReReviewOutcome is { } rro ? CodeNames.Of(rro) : null,
        p.CurrentResponsibleUserId,
        p.CurrentResponsibleName);
    }

    public static string HistoryActionName(string action) =>
        Enum.TryParse<PetitionAction>(action, out var a) ? Lifecycle.NameOf(a) : action switch
        {
            "Register" => "登记",
            Petition.SupplementAction => "补充材料",
            Petition.InstructionAction => "领导批示", // wb-workflow (issue 13)
            Petition.QueryCodeReissuedAction => "重新发放查询码",
            Petition.ResolutionRecordedAction => "补记化解情况",
            Petition.ResponsibleOfficerAction => "首办责任人", // wb-mine (issue 13)
            Petition.CoHandlingAction => "协办", // cohandling (issue 14)
            _ => action,
        };
}

/// <summary>One row of a work list or a search result.</summary>
public sealed record PetitionSummary(Guid Id, string Number, string Title, string Form, string State, string StateName, DateTimeOffset RegisteredAt, DateOnly? CurrentDueOn, bool Overdue, bool Urgent, Guid CurrentOrganizationId);
