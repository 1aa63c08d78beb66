using Xinfang.Domain.Mediation;
using Xinfang.Web.Common;

namespace Xinfang.Web.Mediation;

/// <summary>One person who took part: name, role code and its Chinese name.</summary>
public sealed record ParticipantView(string Name, string Role, string RoleName);

/// <summary>An item the session was about, as its reader may see it: number and title (masked where the reader may not see personal data).</summary>
public sealed record MediatedItemView(Guid PetitionId, string Number, string Title);

/// <summary>The agreement (条例 Art. 33) as recorded on the session.</summary>
public sealed record AgreementView(string Kind, string KindName, string Number, string Terms, string Citation);

/// <summary>An earlier outcome replaced by a correction: what it said, who recorded it, and why and by whom it was corrected.</summary>
public sealed record OutcomeCorrectionView(
    string Outcome,
    string OutcomeName,
    string Note,
    string? AgreementKindName,
    string? AgreementNumber,
    string? AgreementTerms,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string Reason,
    string CorrectedBy,
    DateTimeOffset CorrectedAt);

/// <summary>
/// A 调解/评理 session as staff see it: kind and mode, day and place, participants, outcome and agreement; <see cref="Items"/>
/// only those the reader may see (PetitionGuard), the rest counted in <see cref="ItemsOutOfView"/>; a list answer carries
/// <see cref="ItemCount"/> only (its items are read on the session's own page).
/// </summary>
public sealed record MediationSessionView(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string Kind,
    string KindName,
    string? Mode,
    string? ModeName,
    DateOnly HeldOn,
    string Place,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<ParticipantView> Participants,
    string? Outcome,
    string? OutcomeName,
    string? OutcomeNote,
    string? OutcomeBy,
    AgreementView? Agreement,
    int ItemCount,
    IReadOnlyList<MediatedItemView> Items,
    int ItemsOutOfView,
    IReadOnlyList<OutcomeCorrectionView> Corrections,
    DateTimeOffset? CitedAsResolutionAt)
{
    /// <summary>The kind with its mode: 信访评理室（上门评理）.</summary>
    public string KindText => ModeName is null ? KindName : $"{KindName}（{ModeName}）";

    public static MediationSessionView From(MediationSession s, string organizationName, int itemCount, IReadOnlyList<MediatedItemView> items, int outOfView)
    {
        ArgumentNullException.ThrowIfNull(s);
        var agreement = s.HasAgreement
            ? new AgreementView(s.AgreementKind!.Value.ToString(), MediationKinds.NameOf(s.AgreementKind.Value), s.AgreementNumber!, s.AgreementTerms!, s.Citation(Domain.Petitions.Petition.MaxNoteLength))
            : null;
        return new(s.Id, s.OrganizationId, organizationName, s.Kind.ToString(), MediationKinds.NameOf(s.Kind), s.Mode?.ToString(), s.Mode is { } m ? MediationKinds.NameOf(m) : null,
            s.HeldOn, s.Place, s.RecordedBy, s.RecordedAt,
            s.Participants.Select(p => new ParticipantView(p.Name, p.Role.ToString(), MediationKinds.NameOf(p.Role))).ToList(),
            s.Outcome?.ToString(), s.Outcome is { } o ? MediationKinds.NameOf(o) : null, s.OutcomeNote, s.OutcomeBy, agreement, itemCount, items, outOfView,
            s.Corrections.Select(c => new OutcomeCorrectionView(c.Outcome.ToString(), MediationKinds.NameOf(c.Outcome), c.Note, c.AgreementKind is { } k ? MediationKinds.NameOf(k) : null,
                c.AgreementNumber, c.AgreementTerms, c.RecordedBy, c.RecordedAt, c.CorrectionReason, c.CorrectedBy, c.CorrectedAt)).ToList(),
            s.CitedAsResolutionAt);
    }
}

/// <summary>What a mediation use case gave: the session, the bad fields, or a refusal (nothing saved).</summary>
public sealed record MediationOutcomeResult(MediationSessionView? Session, RequestErrors? Errors, int Status, string? Because)
{
    public static MediationOutcomeResult Done(MediationSessionView view) => new(view, null, 0, null);

    public static MediationOutcomeResult Invalid(RequestErrors errors) => new(null, errors, 0, null);

    public static MediationOutcomeResult NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到该调解");

    public static MediationOutcomeResult Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static MediationOutcomeResult Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    public IResult ToResult(bool created = false) => this switch
    {
        { Session: { } v } => created ? TypedResults.Created($"/api/mediation/sessions/{v.Id}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound("调解"),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };
}
