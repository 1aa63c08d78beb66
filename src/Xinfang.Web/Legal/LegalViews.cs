using Xinfang.Domain.Legal;
using Xinfang.Web.Common;

namespace Xinfang.Web.Legal;

/// <summary>A lawyer's opinion as staff who may see its item read it.</summary>
public sealed record OpinionView(Guid Id, Guid PetitionId, string PetitionNumber, string Subject, string SubjectName, Guid? ReceptionSessionId,
    string LawyerName, string Firm, DateOnly GivenOn, string Text, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static OpinionView From(LawyerOpinion o, string number)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.PetitionId, number, o.Subject.ToString(), LawyerOpinion.NameOf(o.Subject), o.ReceptionSessionId, o.LawyerName, o.Firm, o.GivenOn, o.Text, o.RecordedBy, o.RecordedAt);
    }
}

/// <summary>A referral (条例 Art. 37 ¶2) as staff who may see its item read it: where, when, and what came of it.</summary>
public sealed record ReferralView(Guid Id, Guid PetitionId, string PetitionNumber, string Kind, string KindName, string ReceivingBody, DateOnly ReferredOn, string? Note,
    string ReferredBy, string? Outcome, string OutcomeName, DateOnly? OutcomeOn, string? OutcomeNote, string? OutcomeBy)
{
    public static ReferralView From(AidReferral r, string number)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.PetitionId, number, r.Kind.ToString(), AidReferral.NameOf(r.Kind), r.ReceivingBody, r.ReferredOn, r.Note, r.ReferredBy,
            r.Outcome?.ToString(), AidReferral.NameOf(r.Outcome), r.OutcomeOn, r.OutcomeNote, r.OutcomeBy);
    }
}

/// <summary>One point of 三到位一处理 as read.</summary>
public sealed record ReviewFindingView(string Point, string Name, bool Applies, string? Done);

/// <summary>A 案审 as staff who may see its item read it.</summary>
public sealed record CaseReviewView(Guid Id, Guid PetitionId, string PetitionNumber, string PetitionTitle, string Reviewers, DateOnly ReviewedOn,
    IReadOnlyList<ReviewFindingView> Findings, string Conclusion, string ConclusionName, string? Note, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CaseReviewView From(CaseReview r, string number, string title)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.PetitionId, number, title, r.Reviewers, r.ReviewedOn,
            r.Findings.Select(f => new ReviewFindingView(f.Point.ToString(), CaseReview.NameOf(f.Point), f.Applies, f.Done)).ToList(),
            r.Conclusion.ToString(), CaseReview.NameOf(r.Conclusion), r.Note, r.RecordedBy, r.RecordedAt);
    }
}

/// <summary>
/// A typical case as staff of the compiling body's jurisdiction read it: the texts, consent and publication, and the
/// item it came from (its number only where the reader may see that item).
/// </summary>
public sealed record TypicalCaseView(Guid Id, string? PetitionNumber, Guid OrganizationId, string OrganizationName, string Title, string Kind, string KindName,
    string Summary, string Lessons, bool? Consent, DateOnly? ConsentOn, bool Published, DateOnly? PublishedOn, string CompiledBy, DateTimeOffset CompiledAt)
{
    public string ConsentName => Consent switch { true => "同意公开", false => "不同意公开", null => "尚未征求" };

    public static TypicalCaseView From(TypicalCase c, string? number, string organizationName)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, number, c.OrganizationId, organizationName, c.Title, c.Kind.ToString(), TypicalCase.NameOf(c.Kind), c.Summary, c.Lessons,
            c.Consent, c.ConsentOn, c.Published, c.PublishedOn, c.CompiledBy, c.CompiledAt);
    }
}

/// <summary>A published typical case as the public reads it on the portal: the anonymised texts and who published it, nothing of the item.</summary>
public sealed record PublicTypicalCase(Guid Id, string OrganizationName, string Title, string KindName, string Summary, string Lessons, DateOnly PublishedOn);

/// <summary>The draft of a typical case: the item's title and content with ID and phone numbers masked, for staff to edit before saving.</summary>
public sealed record TypicalCaseDraft(Guid PetitionId, string PetitionNumber, string Title, string Summary);

/// <summary>Everything of this module on one item, for the item page.</summary>
public sealed record ItemLegalView(IReadOnlyList<OpinionView> Opinions, IReadOnlyList<ReferralView> Referrals, IReadOnlyList<CaseReviewView> Reviews, IReadOnlyList<TypicalCaseView> TypicalCases);

/// <summary>What a use case of the module gave: the record's view, the bad fields, or a refusal (nothing saved).</summary>
public sealed record LegalAnswer<T>(T? Value, RequestErrors? Errors, int Status, string? Because)
    where T : class
{
    /// <summary>The message a page shows when it failed.</summary>
    public string Failure => Errors is null ? Status == StatusCodes.Status404NotFound ? $"未找到该{Because}" : Because ?? "未能办理" : "提交的信息有误";

    public IResult ToResult(Func<T, string>? created = null) => this switch
    {
        { Value: { } v } => created is null ? TypedResults.Ok(v) : TypedResults.Created(created(v), v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound(Because!),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };
}

/// <summary>The ways a use case of the module answers (a static class beside the generic record, CA1000).</summary>
public static class LegalAnswers
{
    public static LegalAnswer<T> Done<T>(T value) where T : class => new(value, null, 0, null);

    public static LegalAnswer<T> Invalid<T>(RequestErrors errors) where T : class => new(null, errors, 0, null);

    public static LegalAnswer<T> Invalid<T>(string field, string message) where T : class => new(null, new RequestErrors().Add(field, message), 0, null);

    public static LegalAnswer<T> NotFound<T>(string what) where T : class => new(null, null, StatusCodes.Status404NotFound, what);

    public static LegalAnswer<T> Forbidden<T>(string because) where T : class => new(null, null, StatusCodes.Status403Forbidden, because);

    public static LegalAnswer<T> Conflict<T>(string because) where T : class => new(null, null, StatusCodes.Status409Conflict, because);
}
