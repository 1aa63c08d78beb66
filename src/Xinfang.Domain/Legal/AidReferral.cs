using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Legal;

/// <summary>Where a petitioner in hardship is referred (条例 Art. 37 ¶2).</summary>
public enum ReferralKind
{
    /// <summary>法律援助: a petitioner who cannot pay for a lawyer.</summary>
    LegalAid,
    /// <summary>社会救助: "告知或者帮助其向有关机关或者机构依法申请社会救助".</summary>
    SocialAssistance,
    /// <summary>司法救助: "符合国家司法救助条件的，有关政法部门应当按照规定给予司法救助".</summary>
    JudicialAssistance,
}

/// <summary>What the receiving body answered; recorded once, after the referral.</summary>
public enum ReferralOutcome
{
    /// <summary>已受理.</summary>
    Accepted,
    /// <summary>已援助/已救助.</summary>
    Assisted,
    /// <summary>不符合条件.</summary>
    NotEligible,
    /// <summary>信访人未申请.</summary>
    NotApplied,
}

/// <summary>
/// 帮扶救助转介 (issue 14). 条例 Art. 37 ¶2: "各级机关、单位在办理信访事项时，对生活确有困难的信访人，可以告知或者帮助其向有关机关或者机构依法申请
/// 社会救助。符合国家司法救助条件的，有关政法部门应当按照规定给予司法救助。" A referral is made while handling an item and belongs to
/// the item — the receiving body, the day, and later its outcome. It keeps no profile of the petitioner: no income,
/// no family, nothing beyond a short note on the matter (domain.md §12).
/// </summary>
public sealed class AidReferral
{
    public const int MaxBodyLength = 100;
    public const int MaxNoteLength = 1000;

    private AidReferral()
    {
        ReceivingBody = ReferredBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public ReferralKind Kind { get; private set; }

    /// <summary>The body that receives the application (e.g. 西湖区法律援助中心).</summary>
    public string ReceivingBody { get; private set; }

    public DateOnly ReferredOn { get; private set; }

    public string? Note { get; private set; }

    public string ReferredBy { get; private set; }

    public Guid ReferredByOrganizationId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public ReferralOutcome? Outcome { get; private set; }

    public DateOnly? OutcomeOn { get; private set; }

    public string? OutcomeNote { get; private set; }

    public string? OutcomeBy { get; private set; }

    public int Version { get; private set; }

    /// <summary>Art. 37 ¶2 applies "在办理信访事项时": only an item still a petition (not voided) is referred; the day is not after today.</summary>
    public static AidReferral Refer(Guid id, Guid petitionId, PetitionState itemState, ReferralKind kind, string receivingBody, DateOnly referredOn, string? note, Actor by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (itemState == PetitionState.Voided)
        {
            throw new DomainRuleViolation("referral.voided", "已作废的登记不是信访事项，不能转介");
        }

        if (referredOn > today)
        {
            throw new DomainRuleViolation("referral.future", "转介日期不能晚于今天", "referredOn");
        }

        return new AidReferral
        {
            Id = id, PetitionId = petitionId, Kind = kind, ReceivingBody = receivingBody.Trim(), ReferredOn = referredOn, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            ReferredBy = by.Name, ReferredByOrganizationId = by.OrganizationId, RecordedAt = now,
        };
    }

    /// <summary>The receiving body's answer, once, on a day between the referral and today.</summary>
    public void RecordOutcome(ReferralOutcome outcome, DateOnly on, string? note, Actor by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Outcome is not null)
        {
            throw new DomainRuleViolation("referral.outcome.twice", "转介结果已经记录");
        }

        if (on < ReferredOn)
        {
            throw new DomainRuleViolation("referral.outcome.early", "结果日期不能早于转介日期", "outcomeOn");
        }

        if (on > today)
        {
            throw new DomainRuleViolation("referral.outcome.future", "结果日期不能晚于今天", "outcomeOn");
        }

        Outcome = outcome;
        OutcomeOn = on;
        OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        OutcomeBy = by.Name;
        Version++;
    }

    public static string NameOf(ReferralKind k) => k switch
    {
        ReferralKind.LegalAid => "法律援助",
        ReferralKind.SocialAssistance => "社会救助",
        ReferralKind.JudicialAssistance => "司法救助",
        _ => k.ToString(),
    };

    public static string NameOf(ReferralOutcome? o) => o switch
    {
        null => "待反馈",
        ReferralOutcome.Accepted => "已受理",
        ReferralOutcome.Assisted => "已援助",
        ReferralOutcome.NotEligible => "不符合条件",
        ReferralOutcome.NotApplied => "未申请",
        _ => o.ToString()!,
    };

    public static IReadOnlyList<ReferralKind> Kinds { get; } = Enum.GetValues<ReferralKind>();

    public static IReadOnlyList<ReferralOutcome> Outcomes { get; } = Enum.GetValues<ReferralOutcome>();
}
