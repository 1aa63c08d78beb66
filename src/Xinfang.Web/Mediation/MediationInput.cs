using System.Globalization;
using Xinfang.Domain.Mediation;
using Xinfang.Web.Common;

namespace Xinfang.Web.Mediation;

/// <summary>The <c>/mediation</c> pages' forms: every field a string, so nothing typed can fail binding; read here into requests.</summary>
public sealed class MediationInput
{
    public string? Kind { get; set; }

    public string? Mode { get; set; }

    public string? HeldOn { get; set; }

    public string? Place { get; set; }

    /// <summary>The items' numbers, one a line (or separated by commas).</summary>
    public string? Numbers { get; set; }

    /// <summary>One participant a line: 姓名 and 身份 separated by a comma, a colon or a space (李律师，律师).</summary>
    public string? Participants { get; set; }

    public string? Outcome { get; set; }

    public string? Note { get; set; }

    public string? AgreementKind { get; set; }

    public string? AgreementTerms { get; set; }

    /// <summary>Why a recorded outcome is corrected.</summary>
    public string? Reason { get; set; }

    /// <summary>The linked item whose 化解情况 is recorded from the session.</summary>
    public string? PetitionId { get; set; }

    public IReadOnlyList<string> NumberList() =>
        (Numbers ?? string.Empty).Split(['\n', ',', '，', '、', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public (MediationKind? Kind, ReasoningMode? Mode, DateOnly? HeldOn) ReadHold(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(HeldOn))
        {
            if (DateOnly.TryParseExact(HeldOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                day = d;
            }
            else
            {
                errors.Add("heldOn", "调解日期格式应为yyyy-MM-dd");
            }
        }

        return (FormFields.Pick<MediationKind>(Kind, "kind", "调解类型", errors), FormFields.Pick<ReasoningMode>(Mode, "mode", "评理方式", errors), day);
    }

    public MediationDesk.ParticipantsRequest ToParticipants(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = (Participants ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var list = new List<MediationDesk.ParticipantRequest?>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var cut = line.IndexOfAny(['，', ',', '：', ':', ' ', '\t', '　']);
            var name = cut < 0 ? line : line[..cut].Trim();
            var roleText = cut < 0 ? string.Empty : line[(cut + 1)..].Trim();
            var role = RoleOf(roleText);
            if (role is null)
            {
                errors.Add($"participants[{i}].role", $"第{i + 1}行的身份应为：{string.Join("、", MediationKinds.Roles.Select(MediationKinds.NameOf))}");
            }

            list.Add(new(name, role));
        }

        return new(list);
    }

    public MediationDesk.OutcomeRequest ToOutcome(RequestErrors errors) => new(
        FormFields.Pick<MediationOutcome>(Outcome, "outcome", "调解结果", errors), FormFields.Trimmed(Note),
        FormFields.Pick<AgreementKind>(AgreementKind, "agreementKind", "协议书种类", errors), FormFields.Trimmed(AgreementTerms));

    public MediationDesk.CorrectionRequest ToCorrection(RequestErrors errors) => new(
        FormFields.Pick<MediationOutcome>(Outcome, "outcome", "调解结果", errors), FormFields.Trimmed(Note),
        FormFields.Pick<AgreementKind>(AgreementKind, "agreementKind", "协议书种类", errors), FormFields.Trimmed(AgreementTerms), FormFields.Trimmed(Reason));

    /// <summary>A role typed in Chinese: its code-table name, or the usual short forms (律师, 人大代表, 政协委员, 妇联, 社区干部 …).</summary>
    public static ParticipantRole? RoleOf(string text) => text switch
    {
        "调解员" or "人民调解员" => ParticipantRole.Mediator,
        "律师" => ParticipantRole.Lawyer,
        "人大代表/政协委员" or "人大代表" or "政协委员" => ParticipantRole.Deputy,
        "工会/妇联" or "工会" or "妇联" => ParticipantRole.MassOrganization,
        "部门干部" => ParticipantRole.DepartmentCadre,
        "村（社区）干部" or "村(社区)干部" or "村干部" or "社区干部" => ParticipantRole.VillageCadre,
        _ => Enum.TryParse<ParticipantRole>(text, out var r) && Enum.IsDefined(r) && !int.TryParse(text, out _) ? r : null,
    };
}
