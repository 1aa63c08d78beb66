using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Legal;

/// <summary>What a lawyer's opinion was given on: the item's handling, the reception where it was received, or its 复查/复核.</summary>
public enum OpinionSubject
{
    /// <summary>信访事项办理: the item as handled.</summary>
    Item,
    /// <summary>接访: a reception session (领导接访) at which the item was received.</summary>
    Reception,
    /// <summary>复查/复核 (条例 Arts. 35–36).</summary>
    Review,
}

/// <summary>
/// 律师意见 (issue 14, domain.md §10 "Lawyers and legal aid"): a lawyer — a professional taking part in petition work,
/// never a petitioner — gives a written opinion on an item, on the reception at which it was received, or on its
/// 复查/复核. It belongs to the item; nothing in it describes the petitioner beyond what the item holds.
/// </summary>
public sealed class LawyerOpinion
{
    public const int MaxNameLength = 50;
    public const int MaxFirmLength = 100;
    public const int MaxTextLength = 4000;

    private LawyerOpinion()
    {
        LawyerName = Firm = Text = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public OpinionSubject Subject { get; private set; }

    /// <summary>The reception session the opinion was given at, when <see cref="Subject"/> is <see cref="OpinionSubject.Reception"/>.</summary>
    public Guid? ReceptionSessionId { get; private set; }

    public string LawyerName { get; private set; }

    /// <summary>律师事务所.</summary>
    public string Firm { get; private set; }

    /// <summary>The day the opinion was given (typed), beside <see cref="RecordedAt"/>, when it was typed.</summary>
    public DateOnly GivenOn { get; private set; }

    public string Text { get; private set; }

    public string RecordedBy { get; private set; }

    public Guid RecordedByOrganizationId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Records an opinion. Given on a day not after today; a reception opinion names its session, the others none.</summary>
    public static LawyerOpinion Record(Guid id, Guid petitionId, OpinionSubject subject, Guid? receptionSessionId, string lawyerName, string firm, DateOnly givenOn, string text, Actor by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (givenOn > today)
        {
            throw new DomainRuleViolation("opinion.future", "出具意见日期不能晚于今天", "givenOn");
        }

        if (subject == OpinionSubject.Reception && receptionSessionId is null)
        {
            throw new DomainRuleViolation("opinion.session", "接访中的律师意见请选择接访场次", "receptionSessionId");
        }

        if (subject != OpinionSubject.Reception && receptionSessionId is not null)
        {
            throw new DomainRuleViolation("opinion.session", "只有接访中的律师意见才关联接访场次", "receptionSessionId");
        }

        return new LawyerOpinion
        {
            Id = id, PetitionId = petitionId, Subject = subject, ReceptionSessionId = receptionSessionId, LawyerName = lawyerName.Trim(), Firm = firm.Trim(),
            GivenOn = givenOn, Text = text.Trim(), RecordedBy = by.Name, RecordedByOrganizationId = by.OrganizationId, RecordedAt = now,
        };
    }

    public static string NameOf(OpinionSubject s) => s switch
    {
        OpinionSubject.Item => "信访事项办理",
        OpinionSubject.Reception => "接访",
        OpinionSubject.Review => "复查复核",
        _ => s.ToString(),
    };

    public static IReadOnlyList<OpinionSubject> Subjects { get; } = Enum.GetValues<OpinionSubject>();
}
