using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Mediation;

/// <summary>
/// The kind of a session (domain.md §10): the three mediations of Chinese dispute work, the petition bureau's own
/// 信访调解室, and the 信访评理室 (held in one of <see cref="ReasoningMode"/>). 条例 Art. 33: 在处理申诉求决类事项过程中 …
/// 经争议双方当事人同意进行调解；可以引导争议双方当事人自愿和解. Chinese names: <see cref="MediationKinds"/>.
/// </summary>
public enum MediationKind
{
    /// <summary>人民调解: by a people's mediation committee (人民调解委员会).</summary>
    People,
    /// <summary>行政调解: by an administrative body within its discretion (Art. 33).</summary>
    Administrative,
    /// <summary>司法调解: with the court or the judicial office (司法所).</summary>
    Judicial,
    /// <summary>信访调解室: the petition bureau's mediation room.</summary>
    PetitionRoom,
    /// <summary>信访评理室: the parties reason it out before mediators, lawyers and deputies; always in a <see cref="ReasoningMode"/>.</summary>
    Reasoning,
}

/// <summary>The six ways a 信访评理室 session is held (seed 泰宁; domain.md §10).</summary>
public enum ReasoningMode
{
    /// <summary>现场评理: at the reasoning room.</summary>
    OnSite,
    /// <summary>流动评理: the room travels to a village or community.</summary>
    Mobile,
    /// <summary>上门评理: at the petitioner's home.</summary>
    AtHome,
    /// <summary>视频评理: by video link.</summary>
    Video,
    /// <summary>提级评理: taken up by the level above.</summary>
    Escalated,
    /// <summary>派出评理: reasoners sent out to a body or township.</summary>
    Dispatched,
}

/// <summary>Who takes part beside the parties (domain.md §10: lawyers, deputies, mediators). Officials' and mediators' names are kept; no petitioner is a participant here (§12).</summary>
public enum ParticipantRole
{
    /// <summary>调解员.</summary>
    Mediator,
    /// <summary>律师.</summary>
    Lawyer,
    /// <summary>人大代表/政协委员.</summary>
    Deputy,
    /// <summary>工会/妇联 members.</summary>
    MassOrganization,
    /// <summary>部门干部.</summary>
    DepartmentCadre,
    /// <summary>村（社区）干部.</summary>
    VillageCadre,
}

/// <summary>How a session ended.</summary>
public enum MediationOutcome
{
    /// <summary>达成协议.</summary>
    Agreed,
    /// <summary>部分达成.</summary>
    PartlyAgreed,
    /// <summary>未达成.</summary>
    NotAgreed,
}

/// <summary>条例 Art. 33: 经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书.</summary>
public enum AgreementKind
{
    /// <summary>调解协议书: agreement reached by mediation.</summary>
    Mediation,
    /// <summary>和解协议书: the parties settled of their own accord, guided by the body.</summary>
    Settlement,
}

/// <summary>The one code table of the mediation module's Chinese names (pages, API answers, documents, the annual report).</summary>
public static class MediationKinds
{
    public static IReadOnlyList<MediationKind> All { get; } = Enum.GetValues<MediationKind>();

    public static IReadOnlyList<ReasoningMode> Modes { get; } = Enum.GetValues<ReasoningMode>();

    public static IReadOnlyList<ParticipantRole> Roles { get; } = Enum.GetValues<ParticipantRole>();

    public static IReadOnlyList<MediationOutcome> Outcomes { get; } = Enum.GetValues<MediationOutcome>();

    public static string NameOf(MediationKind kind) => kind switch
    {
        MediationKind.People => "人民调解",
        MediationKind.Administrative => "行政调解",
        MediationKind.Judicial => "司法调解",
        MediationKind.PetitionRoom => "信访调解室",
        MediationKind.Reasoning => "信访评理室",
        _ => "其他",
    };

    public static string NameOf(ReasoningMode mode) => mode switch
    {
        ReasoningMode.OnSite => "现场评理",
        ReasoningMode.Mobile => "流动评理",
        ReasoningMode.AtHome => "上门评理",
        ReasoningMode.Video => "视频评理",
        ReasoningMode.Escalated => "提级评理",
        ReasoningMode.Dispatched => "派出评理",
        _ => "其他",
    };

    public static string NameOf(ParticipantRole role) => role switch
    {
        ParticipantRole.Mediator => "调解员",
        ParticipantRole.Lawyer => "律师",
        ParticipantRole.Deputy => "人大代表/政协委员",
        ParticipantRole.MassOrganization => "工会/妇联",
        ParticipantRole.DepartmentCadre => "部门干部",
        ParticipantRole.VillageCadre => "村（社区）干部",
        _ => "其他",
    };

    public static string NameOf(MediationOutcome outcome) => outcome switch
    {
        MediationOutcome.Agreed => "达成协议",
        MediationOutcome.PartlyAgreed => "部分达成",
        MediationOutcome.NotAgreed => "未达成",
        _ => "其他",
    };

    public static string NameOf(AgreementKind kind) => kind == AgreementKind.Settlement ? "和解协议书" : "调解协议书";

    /// <summary>
    /// What a session's outcome means for the item it was about (化解情况, issue 12): an agreement reached is 化解, a
    /// partial one 部分化解, none 未化解. Used when the item's resolution is recorded from the session (ADR 0139).
    /// </summary>
    public static Resolution ResolutionOf(MediationOutcome outcome) => outcome switch
    {
        MediationOutcome.Agreed => Resolution.Resolved,
        MediationOutcome.PartlyAgreed => Resolution.PartlyResolved,
        _ => Resolution.NotResolved,
    };
}

/// <summary>One person taking part, by name and role (officials, mediators, lawyers, deputies — never a petitioner).</summary>
public sealed record MediationParticipant(string Name, ParticipantRole Role);

/// <summary>
/// An outcome as it stood before a correction (<see cref="MediationSession.CorrectOutcome"/>): what was recorded, by whom
/// and when, with its agreement if it had one, and the correction that replaced it — its reason, who, when. Kept so
/// that the session's history shows every earlier outcome; only the current one is counted.
/// </summary>
public sealed record MediationOutcomeRecord(
    MediationOutcome Outcome,
    string Note,
    AgreementKind? AgreementKind,
    string? AgreementTerms,
    string? AgreementNumber,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string CorrectionReason,
    string CorrectedBy,
    DateTimeOffset CorrectedAt);

/// <summary>
/// 调解 / 评理: a session a body holds on a day at a place, about one or more petition items (linked through
/// <see cref="MediationSessionItem"/>: the item knows nothing of mediation), with its participants, its outcome and —
/// when the parties agreed — the 调解协议书 or 和解协议书 that 条例 Art. 33 requires. Nothing about a petitioner is kept
/// here; the agreement's terms are the matter's, typed by staff (domain.md §12: the web layer masks personal data in them).
/// </summary>
public sealed class MediationSession
{
    public const int MaxPlaceLength = 100;
    public const int MaxNameLength = 50;
    public const int MaxParticipants = 30;
    public const int MaxItems = 20;
    public const int MaxNoteLength = 500;
    public const int MaxTermsLength = 4000;
    public const int MaxCorrections = 20;

    private readonly List<MediationParticipant> _participants = [];
    private readonly List<MediationOutcomeRecord> _corrections = [];

    private MediationSession()
    {
        Place = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The body that holds the session; its staff record it.</summary>
    public Guid OrganizationId { get; private set; }

    public MediationKind Kind { get; private set; }

    /// <summary>The mode of a 信访评理室 session; null for every other kind.</summary>
    public ReasoningMode? Mode { get; private set; }

    /// <summary>The day it was held, as typed (bounded by the web layer's DateInput), kept beside <see cref="RecordedAt"/>.</summary>
    public DateOnly HeldOn { get; private set; }

    public string Place { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<MediationParticipant> Participants => _participants;

    public MediationOutcome? Outcome { get; private set; }

    public string? OutcomeNote { get; private set; }

    public string? OutcomeBy { get; private set; }

    public DateTimeOffset? OutcomeAt { get; private set; }

    /// <summary>调解协议书 or 和解协议书 (Art. 33), when the parties agreed in whole or in part.</summary>
    public AgreementKind? AgreementKind { get; private set; }

    /// <summary>The agreement's terms (协议内容) as typed.</summary>
    public string? AgreementTerms { get; private set; }

    /// <summary>The agreement's number: its year and its place in the body's agreements of that year (〔2026〕第3号).</summary>
    public int? AgreementYear { get; private set; }

    /// <remarks>
    /// Once given, the number stays with the session even when a correction finds there was no agreement after all:
    /// the paper may already carry it, so it is never handed to another agreement, and it comes back if a later
    /// correction restores the agreement.
    /// </remarks>
    public int? AgreementSequence { get; private set; }

    /// <summary>The earlier outcomes, oldest first, each with the correction that replaced it.</summary>
    public IReadOnlyList<MediationOutcomeRecord> Corrections => _corrections;

    /// <summary>
    /// When the outcome was first used as a linked item's 化解情况 (<see cref="MarkCitedAsResolution"/>); from then on it
    /// is not corrected (<see cref="CorrectOutcome"/>).
    /// </summary>
    public DateTimeOffset? CitedAsResolutionAt { get; private set; }

    public int Version { get; private set; }

    public bool HasAgreement => AgreementKind is not null;

    /// <summary>〔2026〕第3号, or null without an agreement.</summary>
    public string? AgreementNumber => HasAgreement ? NumberOf(AgreementYear, AgreementSequence) : null;

    /// <summary>
    /// Records a session held: its kind (a 信访评理室 session needs its mode, no other kind has one), the day — not in
    /// the future and within a year back (a longer span is a typing slip) — and the place.
    /// </summary>
    public static MediationSession Hold(Guid id, Guid organizationId, MediationKind kind, ReasoningMode? mode, DateOnly heldOn, string place, Actor recorder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        Require(Enum.IsDefined(kind), "kind-unknown", "调解类型无效", "kind");
        if (kind == MediationKind.Reasoning)
        {
            Require(mode is { } m && Enum.IsDefined(m), "mode-required", "信访评理室须选择评理方式", "mode");
        }
        else
        {
            Require(mode is null, "mode-not-reasoning", "只有信访评理室有评理方式", "mode");
        }

        var today = DeadlineTime.LocalDate(now);
        Require(heldOn <= today, "held-in-future", "调解日期不能晚于今天", "heldOn");
        Require(heldOn >= today.AddYears(-1), "held-too-early", "调解日期应在一年之内", "heldOn");
        return new MediationSession
        {
            Id = id,
            OrganizationId = organizationId,
            Kind = kind,
            Mode = mode,
            HeldOn = heldOn,
            Place = Text(place, MaxPlaceLength, "place", "调解地点"),
            RecordedBy = recorder.Name,
            RecordedAt = now,
        };
    }

    /// <summary>Links an item the recorder may see (the web layer reads it through PetitionGuard first).</summary>
    public MediationSessionItem Link(Guid petitionId, DateTimeOffset now) => new(Id, petitionId, now);

    /// <summary>Who took part, replacing what was recorded: names and roles of officials, mediators, lawyers, deputies.</summary>
    public void RecordParticipants(IReadOnlyList<MediationParticipant> participants, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(actor);
        Require(participants.Count > 0, "participants-required", "请填写至少一名参加人员", "participants");
        Require(participants.Count <= MaxParticipants, "participants-too-many", $"参加人员最多{MaxParticipants}人", "participants");
        var clean = new List<MediationParticipant>();
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i] ?? throw new DomainRuleViolation("participant-missing", "参加人员信息缺失", $"participants[{i}]");
            Require(Enum.IsDefined(p.Role), "role-unknown", "参加人员身份无效", $"participants[{i}].role");
            clean.Add(new MediationParticipant(Text(p.Name, MaxNameLength, $"participants[{i}].name", "参加人员姓名"), p.Role));
        }

        _participants.Clear();
        _participants.AddRange(clean);
        Version++;
    }

    /// <summary>
    /// The outcome, once, with a note. 条例 Art. 33: 经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书 — so an
    /// outcome of 达成协议 or 部分达成 carries its agreement (kind and terms) and is numbered
    /// <paramref name="sequence"/> among the body's agreements of the year; 未达成 has none.
    /// </summary>
    public void RecordOutcome(MediationOutcome outcome, string note, AgreementKind? agreement, string? terms, int sequence, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(Outcome is null, "outcome-recorded", $"该调解已记录结果（{(Outcome is { } o ? MediationKinds.NameOf(o) : string.Empty)}），不能再次记录；记录有误的请更正结果并说明理由");
        Apply(outcome, note, agreement, terms, sequence, actor, now);
    }

    /// <summary>
    /// Corrects the recorded outcome (a clerk's slip: the paper says 部分达成, the record 达成协议), with a reason. The outcome
    /// it replaces is kept in <see cref="Corrections"/>; the new one obeys the same rule as the first (条例 Art. 33: an
    /// agreement reached is written down as 调解协议书 or 和解协议书). An agreement keeps its number through corrections;
    /// one first reached by the correction is numbered <paramref name="sequence"/>.
    /// </summary>
    /// <remarks>
    /// Refused once the outcome has been used as a linked item's 化解情况 (<see cref="CitedAsResolutionAt"/>): that item is
    /// closed, its 化解情况 is recorded once and cites this outcome, and a closed item's conclusion is changed only by
    /// 复查 and 复核 on the petitioner's request (条例 Arts. 35–36), not by the handling body rewriting the record it
    /// closed on. The session page and ADR 0168 say so.
    /// </remarks>
    public void CorrectOutcome(MediationOutcome outcome, string note, AgreementKind? agreement, string? terms, string reason, int sequence, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(Outcome is not null, "outcome-missing", "该调解尚未记录结果，请记录结果");
        Require(CitedAsResolutionAt is null, "outcome-cited",
            "该调解结果已用作信访件的化解情况，不能更正：信访件已据此办结，化解情况只记录一次（对处理意见不服的，由信访人依《信访工作条例》第三十五条、第三十六条请求复查、复核）");
        Require(_corrections.Count < MaxCorrections, "corrections-too-many", $"调解结果最多更正{MaxCorrections}次");
        var why = Text(reason, MaxNoteLength, "reason", "更正理由");
        var before = new MediationOutcomeRecord(Outcome!.Value, OutcomeNote!, AgreementKind, AgreementTerms, AgreementNumber, OutcomeBy!, OutcomeAt!.Value, why, actor.Name, now);
        var sameTerms = agreement == AgreementKind && (terms?.Trim() ?? string.Empty) == (AgreementTerms ?? string.Empty);
        Require(!(outcome == Outcome && (note ?? string.Empty).Trim() == OutcomeNote && sameTerms), "correction-unchanged", "更正后的结果与原记录相同", "outcome");
        Apply(outcome, note, agreement, terms, sequence, actor, now);
        _corrections.Add(before);
    }

    /// <summary>
    /// The outcome has been used as a linked item's 化解情况 (ADR 0139): noted, so that it is no longer corrected
    /// (<see cref="CorrectOutcome"/>). Counted as a change of the session, so a correction racing it loses.
    /// </summary>
    public void MarkCitedAsResolution(DateTimeOffset now)
    {
        Require(Outcome is not null, "outcome-missing", "该调解尚未记录结果");
        CitedAsResolutionAt ??= now;
        Version++;
    }

    /// <summary>Checks every field first, then sets them: a refused outcome leaves the session as it was.</summary>
    private void Apply(MediationOutcome outcome, string? note, AgreementKind? agreement, string? terms, int sequence, Actor actor, DateTimeOffset now)
    {
        Require(Enum.IsDefined(outcome), "outcome-unknown", "调解结果无效", "outcome");
        var noteText = Text(note, MaxNoteLength, "note", "结果说明");
        string? termsText = null;
        if (outcome == MediationOutcome.NotAgreed)
        {
            Require(agreement is null && string.IsNullOrWhiteSpace(terms), "agreement-without-consent", "未达成一致意见的，不制作协议书", "agreementKind");
        }
        else
        {
            // Art. 33: an agreement reached is written down.
            Require(agreement is { } k && Enum.IsDefined(k), "agreement-required", "达成一致意见的，应当制作调解协议书或者和解协议书（《信访工作条例》第三十三条）", "agreementKind");
            termsText = Text(terms, MaxTermsLength, "agreementTerms", "协议内容");
            Require(AgreementSequence is not null || sequence > 0, "sequence-invalid", "协议书编号无效");
        }

        if (termsText is not null && AgreementSequence is null)
        {
            AgreementYear = DeadlineTime.LocalDate(now).Year;
            AgreementSequence = sequence;
        }

        AgreementKind = termsText is null ? null : agreement;
        AgreementTerms = termsText;
        Outcome = outcome;
        OutcomeNote = noteText;
        OutcomeBy = actor.Name;
        OutcomeAt = now;
        Version++;
    }

    private static string? NumberOf(int? year, int? sequence) => year is { } y && sequence is { } n ? $"〔{y}〕第{n}号" : null;

    /// <summary>
    /// The words an item's 化解情况 cites when recorded from this session (ADR 0139): the kind, the day, the outcome and
    /// the agreement's name and number — "经人民调解（2026-03-10）达成协议，调解协议书〔2026〕第3号：…", at most
    /// <paramref name="max"/> characters.
    /// </summary>
    public string Citation(int max)
    {
        Require(Outcome is not null, "outcome-missing", "该调解尚未记录结果");
        var how = Mode is { } m ? $"{MediationKinds.NameOf(Kind)}{MediationKinds.NameOf(m)}" : MediationKinds.NameOf(Kind);
        var agreement = AgreementKind is { } k ? $"，{MediationKinds.NameOf(k)}{AgreementNumber}" : string.Empty;
        var text = $"经{how}（{HeldOn:yyyy-MM-dd}）{MediationKinds.NameOf(Outcome!.Value)}{agreement}：{OutcomeNote}";
        return text.Length <= max ? text : text[..max];
    }

    private static string Text(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), "text-required", $"请填写{label}", field);
        var trimmed = value!.Trim();
        Require(trimmed.Length <= max, "text-too-long", $"{label}不能超过{max}字", field);
        return trimmed;
    }

    private static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}

/// <summary>One item a session was about: the link lives here, not on the petition.</summary>
public sealed class MediationSessionItem(Guid sessionId, Guid petitionId, DateTimeOffset linkedAt)
{
    public Guid SessionId { get; private set; } = sessionId;

    public Guid PetitionId { get; private set; } = petitionId;

    public DateTimeOffset LinkedAt { get; private set; } = linkedAt;
}

/// <summary>
/// What mediation counts (seed 泰宁: 151 sessions, 144 resolved): 达成协议率 = sessions ending 达成协议 ÷ sessions whose
/// outcome is recorded (a session still waiting for its outcome is neither success nor failure); 部分达成 is counted
/// beside it, not in it.
/// </summary>
public static class MediationCounting
{
    /// <summary>The rate in percent with one decimal (the seeds' 95.4%), or null when no outcome is recorded.</summary>
    public static decimal? AgreedRate(int agreed, int withOutcome)
    {
        if (agreed < 0 || withOutcome < 0 || agreed > withOutcome)
        {
            throw new ArgumentOutOfRangeException(nameof(agreed), "达成协议数应在0与已有结果的场次之间");
        }

        return withOutcome == 0 ? null : Math.Round(100m * agreed / withOutcome, 1, MidpointRounding.AwayFromZero);
    }
}
