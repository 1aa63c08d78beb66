using System.Globalization;
using Xinfang.Domain.Legal;
using Xinfang.Web.Common;

namespace Xinfang.Web.Legal;

/// <summary>The pages' forms: every field a string, so nothing typed can fail binding; read here into the desks' requests.</summary>
public static class LegalInputs
{
    /// <summary>A <c>type=date</c> value (yyyy-MM-dd); null when empty, an error when unreadable.</summary>
    public static DateOnly? Day(string? text, string field, string label, RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为 年-月-日");
            return null;
        }

        return day;
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(DateOnly? day) => day is { } d ? Text(d) : "—";

    /// <summary>The errors of a page's form, merged: the form's own reading errors first, then the desk's.</summary>
    public static IReadOnlyDictionary<string, List<string>> Merge(RequestErrors read, RequestErrors? desk)
    {
        ArgumentNullException.ThrowIfNull(read);
        var all = read.ByField.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        foreach (var (k, v) in desk?.ByField ?? new Dictionary<string, List<string>>())
        {
            all[k] = [.. all.GetValueOrDefault(k) ?? [], .. v];
        }

        return all;
    }
}

public sealed class OpinionInput
{
    public string? PetitionNumber { get; set; }

    public string? Subject { get; set; }

    public string? LawyerName { get; set; }

    public string? Firm { get; set; }

    public string? GivenOn { get; set; }

    public string? Text { get; set; }

    public LegalDesk.OpinionRequest ToRequest(RequestErrors errors) =>
        new(null, FormFields.Trimmed(PetitionNumber), FormFields.Pick<OpinionSubject>(Subject, "subject", "意见针对", errors), null,
            FormFields.Trimmed(LawyerName), FormFields.Trimmed(Firm), LegalInputs.Day(GivenOn, "givenOn", "出具意见日期", errors), FormFields.Trimmed(Text));
}

public sealed class ReferralInput
{
    public string? PetitionNumber { get; set; }

    public string? Kind { get; set; }

    public string? ReceivingBody { get; set; }

    public string? ReferredOn { get; set; }

    public string? Note { get; set; }

    public LegalDesk.ReferralRequest ToRequest(RequestErrors errors) =>
        new(null, FormFields.Trimmed(PetitionNumber), FormFields.Pick<ReferralKind>(Kind, "kind", "转介类别", errors), FormFields.Trimmed(ReceivingBody),
            LegalInputs.Day(ReferredOn, "referredOn", "转介日期", errors), FormFields.Trimmed(Note));
}

public sealed class ReferralOutcomeInput
{
    public string? Outcome { get; set; }

    public string? OutcomeOn { get; set; }

    public string? Note { get; set; }

    public LegalDesk.ReferralOutcomeRequest ToRequest(RequestErrors errors) =>
        new(FormFields.Pick<ReferralOutcome>(Outcome, "outcome", "转介结果", errors), LegalInputs.Day(OutcomeOn, "outcomeOn", "结果日期", errors), FormFields.Trimmed(Note));
}

public sealed class CaseReviewInput
{
    public string? PetitionNumber { get; set; }

    public string? Reviewers { get; set; }

    public string? ReviewedOn { get; set; }

    /// <summary>"yes" / "no" per point, in <see cref="CaseReview.Points"/> order.</summary>
    public string? ReasonableApplies { get; set; }

    public string? ReasonableDone { get; set; }

    public string? UnreasonableApplies { get; set; }

    public string? UnreasonableDone { get; set; }

    public string? HardshipApplies { get; set; }

    public string? HardshipDone { get; set; }

    public string? UnlawfulApplies { get; set; }

    public string? UnlawfulDone { get; set; }

    public string? Conclusion { get; set; }

    public string? Note { get; set; }

    public CaseReviewDesk.ReviewRequest ToRequest(RequestErrors errors) =>
        new(null, FormFields.Trimmed(PetitionNumber), FormFields.Trimmed(Reviewers), LegalInputs.Day(ReviewedOn, "reviewedOn", "案审日期", errors),
            Finding(ReasonableApplies, ReasonableDone), Finding(UnreasonableApplies, UnreasonableDone), Finding(HardshipApplies, HardshipDone), Finding(UnlawfulApplies, UnlawfulDone),
            FormFields.Pick<ReviewConclusion>(Conclusion, "conclusion", "案审结论", errors), FormFields.Trimmed(Note));

    private static CaseReviewDesk.FindingRequest Finding(string? applies, string? done) =>
        new(applies switch { "yes" => true, "no" => false, _ => null }, FormFields.Trimmed(done));
}

public sealed class TypicalCaseInput
{
    public string? PetitionNumber { get; set; }

    public string? Title { get; set; }

    public string? Kind { get; set; }

    public string? Summary { get; set; }

    public string? Lessons { get; set; }

    public TypicalCaseDesk.CaseRequest ToRequest(RequestErrors errors) =>
        new(null, FormFields.Trimmed(PetitionNumber), FormFields.Trimmed(Title), FormFields.Pick<TypicalCaseKind>(Kind, "kind", "案例类别", errors), FormFields.Trimmed(Summary), FormFields.Trimmed(Lessons));

    public TypicalCaseDesk.EditRequest ToEdit(RequestErrors errors) =>
        new(FormFields.Trimmed(Title), FormFields.Pick<TypicalCaseKind>(Kind, "kind", "案例类别", errors), FormFields.Trimmed(Summary), FormFields.Trimmed(Lessons));
}

public sealed class ConsentInput
{
    public string? Consent { get; set; }

    public string? ConsentOn { get; set; }

    public TypicalCaseDesk.ConsentRequest ToRequest(RequestErrors errors) =>
        new(Consent switch { "yes" => true, "no" => false, _ => null }, LegalInputs.Day(ConsentOn, "consentOn", "征求意见日期", errors));
}
