using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>
/// What waits on an item between two people (wb-workflow, issue 13): a draft 处理意见 for the head to sign off,
/// a handler's extension request for the head to approve, and — for a voided registration — when and why.
/// </summary>
public sealed record WorkflowView(DecisionDraftView? Draft, ExtensionRequestView? ExtensionRequest, VoidView? Voided)
{
    /// <summary>Null when nothing waits and the item is not voided. <paramref name="text"/> masks as the rest of the detail does.</summary>
    public static WorkflowView? Of(Petition p, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(text);
        var draft = p.DraftOutcome is { } outcome
            ? new DecisionDraftView(outcome.ToString(), CodeNames.Of(outcome), text(p.DraftRequest ?? string.Empty), text(p.DraftFacts ?? string.Empty),
                text(p.DraftReasons ?? string.Empty), p.DraftLegalBasis is null ? null : text(p.DraftLegalBasis), p.DraftedBy ?? string.Empty, p.DraftedAt ?? default,
                p.DraftReturnedBecause is null ? null : text(p.DraftReturnedBecause))
            : null;
        var extension = p.RequestedExtensionDays is { } days
            ? new ExtensionRequestView(days, text(p.RequestedExtensionReason ?? string.Empty), p.ExtensionRequestedBy ?? string.Empty, p.ExtensionRequestedOn ?? default)
            : null;
        var voided = p.State == PetitionState.Voided ? new VoidView(p.VoidedAt ?? default, text(p.VoidReason ?? string.Empty)) : null;
        return draft is null && extension is null && voided is null ? null : new WorkflowView(draft, extension, voided);
    }
}

/// <summary>The draft 处理意见 awaiting 签发; <c>ReturnedBecause</c> when the head sent it back.</summary>
public sealed record DecisionDraftView(string Outcome, string OutcomeName, string PetitionerRequest, string Facts, string Reasons, string? LegalBasis,
    string DraftedBy, DateTimeOffset DraftedAt, string? ReturnedBecause);

/// <summary>The handler's pending extension request (条例 Art. 34).</summary>
public sealed record ExtensionRequestView(int Days, string Reason, string RequestedBy, DateOnly RequestedOn);

/// <summary>When and why a registration was voided (已作废).</summary>
public sealed record VoidView(DateTimeOffset VoidedAt, string Reason);
