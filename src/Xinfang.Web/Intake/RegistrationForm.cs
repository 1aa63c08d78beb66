using System.Globalization;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using static Xinfang.Web.Common.FormFields;
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Web.Intake;

/// <summary>
/// The registration page's form (<c>/register</c>) as typed. Every field is a string, so nothing a
/// registrar types (or a forged post sends) can fail form binding; <see cref="ToRequest"/> reads it
/// into <see cref="RegisterPetition.Request"/> and names each value it cannot read, under the use
/// case's own field names, so its messages and the use case's sit next to the same inputs.
/// One petitioner: several petitioners stay API-only. The accused body of an accusation is picked
/// from the organisation tree (条例 Art. 30 ¶3; required for 检举控告 by the domain).
/// </summary>
public sealed class RegistrationForm
{
    public const string Analyze = "analyze";
    public const string Register = "register";

    /// <summary>The format of an <c>input type="datetime-local"</c>, in Beijing time.</summary>
    public const string LocalTimeFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>This render's one-time token (hidden): a second 「登记」 of the same form registers nothing again (<see cref="Security.FormTokens"/>).</summary>
    public string? FormToken { get; set; }

    /// <summary>Which button was pressed: 「分析」 or 「登记」.</summary>
    public string? Action { get; set; }

    public string? Form { get; set; }

    public string? ReceivedAt { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? IssueLocationCode { get; set; }

    public string? Category { get; set; }

    public string? Purpose { get; set; }

    public string? Accused { get; set; }

    /// <summary>被检举控告的单位, picked from the organisation tree: required for 检举控告 (条例 Art. 30 ¶3).</summary>
    public string? AccusedOrganizationId { get; set; }

    public string? ContentClass { get; set; }

    /// <summary>The last analysis's suggestion (hidden): a class still equal to it was accepted, not corrected, and follows a new analysis.</summary>
    public string? SuggestedClass { get; set; }

    public string? Anonymous { get; set; }

    public string? Name { get; set; }

    public string? IdType { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string? Workplace { get; set; }

    public string? Collective { get; set; }

    public string? HeadCount { get; set; }

    public string? VisitBatches { get; set; }

    public string? InvolvedCount { get; set; }

    public string? JointSignature { get; set; }

    public string? Urgent { get; set; }

    public string? LitigationRelated { get; set; }

    public string? WithinDisciplineRemit { get; set; }

    public string? SkippedLevel { get; set; }

    /// <summary>进京访 / 赴省访 (stats-reviews, ADR 0085): a name of <see cref="Domain.Petitions.SkipLevelDestination"/>, blank for neither.</summary>
    public string? SkipLevelDestination { get; set; }

    public string? ConsentToPublish { get; set; }

    /// <summary>The 初件 chosen in the repeat table; empty for 「不是重件」.</summary>
    public string? FirstItemId { get; set; }

    /// <summary>The last analysis's suggested 初件 (hidden), for the same accept-or-correct rule as the class.</summary>
    public string? SuggestedFirstItemId { get; set; }

    /// <summary>
    /// 领导接访 (hidden, from <c>/register?receptionSession=ID</c>): the session the visitor is received at; the item is
    /// registered as a visit and linked to it (Reception/ReceptionDesk.RegisterVisitorAsync).
    /// </summary>
    public string? ReceptionSessionId { get; set; }

    /// <summary>A new, empty form: a letter received now, with the use case's own defaults.</summary>
    public static RegistrationForm New(DateTimeOffset now) => new()
    {
        Form = nameof(PetitionForm.Letter),
        ReceivedAt = now.ToOffset(DeadlineTime.Offset).ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
        Category = nameof(PetitionCategory.AppealOrDemand),
        Purpose = nameof(PetitionPurpose.Demand),
        IdType = nameof(IdDocumentType.ResidentIdCard),
        FormToken = Security.FormTokens.New(),
    };


    /// <summary>The use case's request; values that cannot be read are left out and named in <paramref name="errors"/>.</summary>
    public RegisterPetition.Request ToRequest(RequestErrors errors)
    {
        var anonymous = IsOn(Anonymous);
        var idType = Pick<IdDocumentType>(IdType, "petitioners[0].idType", "证件类型", errors);
        var typedPerson = !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(IdNumber) || !string.IsNullOrWhiteSpace(Phone)
            || !string.IsNullOrWhiteSpace(Address) || !string.IsNullOrWhiteSpace(Workplace);
        // A named petition always carries its petitioner, so a missing name is reported at the name field.
        List<RegisterPetition.PetitionerRequest> people = anonymous && !typedPerson
            ? []
            : [new RegisterPetition.PetitionerRequest(Trimmed(Name), idType, Trimmed(IdNumber), Trimmed(Phone), Trimmed(Address), Trimmed(Workplace), IsPrincipal: true)];
        return new RegisterPetition.Request(
            Pick<PetitionForm>(Form, "form", "信访形式", errors),
            Time(ReceivedAt, errors),
            Trimmed(Title),
            Content,
            people,
            Pick<PetitionCategory>(Category, "category", "信访类别", errors),
            Pick<PetitionPurpose>(Purpose, "purpose", "信访目的", errors),
            anonymous,
            IsOn(Collective),
            Number(HeadCount, "headCount", "人次", errors),
            Number(VisitBatches, "visitBatches", "批次", errors),
            Number(InvolvedCount, "involvedCount", "涉及人数", errors),
            IsOn(JointSignature),
            Trimmed(ContentClass),
            Trimmed(IssueLocationCode),
            Trimmed(Accused),
            IsOn(Urgent),
            IsOn(LitigationRelated),
            IsOn(WithinDisciplineRemit),
            IsOn(SkippedLevel),
            IsOn(ConsentToPublish),
            Id(FirstItemId, "firstItemId", "初件无效", errors),
            AccusedOrganizationId: Id(AccusedOrganizationId, "accusedOrganizationId", "被检举控告的单位无效，请从列表中选择", errors),
            SkipLevelDestination: Pick<Domain.Petitions.SkipLevelDestination>(SkipLevelDestination, "skipLevelDestination", "进京赴省访", errors));
    }

    /// <summary>What 「分析」 sends: the text and the petitioner's keys, as the analysis API takes them.</summary>
    public static AnalyzePetition.Request ToAnalysis(RegisterPetition.Request r)
    {
        var person = r.Petitioners is [var first, ..] ? first : null;
        return new AnalyzePetition.Request(r.Title, r.Content, person?.IdType, person?.IdNumber, person?.Phone, r.ReceivedAt, r.IssueLocationCode);
    }

    /// <summary>The analysis names the petitioner's fields without the list index; the form has one petitioner.</summary>
    public static string FieldOfAnalysis(string field) => field is "idType" or "idNumber" or "phone" ? $"petitioners[0].{field}" : field;

    private static DateTimeOffset? Time(string? text, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Years are bounded before the offset is applied: 0001-01-01T00:00 at +08:00 is before DateTimeOffset.MinValue.
        if (DateTime.TryParseExact(text.Trim(), [LocalTimeFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is >= 1900 and <= 9000)
        {
            return new DateTimeOffset(local, DeadlineTime.Offset);
        }

        errors.Add("receivedAt", "收到时间格式不正确（应为 年-月-日 时:分）");
        return null;
    }
}
