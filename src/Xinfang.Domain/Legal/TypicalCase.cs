using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Legal;

/// <summary>What a typical case shows.</summary>
public enum TypicalCaseKind
{
    /// <summary>矛盾化解.</summary>
    Resolution,
    /// <summary>依法分类处理.</summary>
    LawfulHandling,
    /// <summary>帮扶救助.</summary>
    Assistance,
    /// <summary>调解和解.</summary>
    Mediation,
    /// <summary>积案化解.</summary>
    Backlog,
}

/// <summary>
/// 典型案例 (issue 14): an anonymised account of a resolved item, its kind and lessons, compiled by staff. It is shown on
/// the portal's public information only while published, and it may be published only when the petitioner's consent
/// is recorded (yes, with its day). Its texts never hold an ID number or a phone number (domain.md §12); the desk also
/// refuses the item's petitioners' names and addresses (<see cref="Leaks"/>).
/// </summary>
public sealed class TypicalCase
{
    public const int MaxTitleLength = 100;
    public const int MaxSummaryLength = 4000;
    public const int MaxLessonsLength = 2000;

    private TypicalCase()
    {
        Title = Summary = Lessons = CompiledBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The resolved item it was written from (staff only: the portal never shows it).</summary>
    public Guid PetitionId { get; private set; }

    /// <summary>The body that compiled and publishes it.</summary>
    public Guid OrganizationId { get; private set; }

    public string Title { get; private set; }

    public TypicalCaseKind Kind { get; private set; }

    public string Summary { get; private set; }

    public string Lessons { get; private set; }

    /// <summary>Whether the petitioner agreed to publication (null: not asked yet).</summary>
    public bool? Consent { get; private set; }

    public DateOnly? ConsentOn { get; private set; }

    public bool Published { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public string CompiledBy { get; private set; }

    public DateTimeOffset CompiledAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>An item is resolved once its reply (or a 复查/复核 opinion) was served, or it was closed.</summary>
    public static bool IsResolved(PetitionState state) =>
        state is PetitionState.Served or PetitionState.ReviewOpinionServed or PetitionState.ReReviewOpinionServed or PetitionState.Closed;

    /// <summary>
    /// Which of the item's personal data a text still holds: an ID number or a phone number (masked ones too — the
    /// mask is for staff screens, not for the public), or any of the petitioners' names and addresses as registered.
    /// Empty when the text is anonymised.
    /// </summary>
    public static IReadOnlyList<string> Leaks(string? text, IEnumerable<string?> names, IEnumerable<string?> addresses)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(addresses);
        var found = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return found;
        }

        if (PersonalDataInText.Contains(text) || text.Contains("****", StringComparison.Ordinal))
        {
            found.Add("身份证号码或电话号码");
        }

        if (names.Any(n => n is { Length: >= 2 } && text.Contains(n, StringComparison.Ordinal)))
        {
            found.Add("信访人姓名");
        }

        if (addresses.Any(a => a is { Length: >= 4 } && text.Contains(a, StringComparison.Ordinal)))
        {
            found.Add("信访人住址");
        }

        return found;
    }

    public static TypicalCase Compile(Guid id, Guid petitionId, PetitionState itemState, Guid organizationId, string title, TypicalCaseKind kind, string summary, string lessons, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IsResolved(itemState))
        {
            throw new DomainRuleViolation("typical.unresolved", "只能从已办结（答复意见已送达或已办结）的信访事项编写典型案例", "petitionNumber");
        }

        return new TypicalCase
        {
            Id = id, PetitionId = petitionId, OrganizationId = organizationId, Title = title.Trim(), Kind = kind, Summary = summary.Trim(), Lessons = lessons.Trim(),
            CompiledBy = by.Name, CompiledAt = now,
        };
    }

    /// <summary>Staff edit the texts; a published case stays published with the new texts (checked as the first ones were).</summary>
    public void Edit(string title, TypicalCaseKind kind, string summary, string lessons)
    {
        Title = title.Trim();
        Kind = kind;
        Summary = summary.Trim();
        Lessons = lessons.Trim();
        Version++;
    }

    /// <summary>The petitioner's answer, with its day. A refusal withdraws a published case at once.</summary>
    public void RecordConsent(bool consent, DateOnly on, DateOnly today)
    {
        if (on > today)
        {
            throw new DomainRuleViolation("typical.consent.future", "同意日期不能晚于今天", "consentOn");
        }

        Consent = consent;
        ConsentOn = on;
        if (!consent)
        {
            Published = false;
            PublishedOn = null;
        }

        Version++;
    }

    /// <summary>Published only with the petitioner's recorded consent.</summary>
    public void Publish(DateOnly today)
    {
        if (Consent is not true)
        {
            throw new DomainRuleViolation("typical.consent", "信访人同意公开之前不能发布典型案例");
        }

        if (Published)
        {
            throw new DomainRuleViolation("typical.published", "该典型案例已经发布");
        }

        Published = true;
        PublishedOn = today;
        Version++;
    }

    public void Withdraw()
    {
        if (!Published)
        {
            throw new DomainRuleViolation("typical.unpublished", "该典型案例尚未发布");
        }

        Published = false;
        PublishedOn = null;
        Version++;
    }

    public static string NameOf(TypicalCaseKind k) => k switch
    {
        TypicalCaseKind.Resolution => "矛盾化解",
        TypicalCaseKind.LawfulHandling => "依法分类处理",
        TypicalCaseKind.Assistance => "帮扶救助",
        TypicalCaseKind.Mediation => "调解和解",
        TypicalCaseKind.Backlog => "积案化解",
        _ => k.ToString(),
    };

    public static IReadOnlyList<TypicalCaseKind> Kinds { get; } = Enum.GetValues<TypicalCaseKind>();
}
