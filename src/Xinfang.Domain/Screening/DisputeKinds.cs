namespace Xinfang.Domain.Screening;

/// <summary>
/// The kinds of dispute a screening round finds and a warning is about (a small code table, documented in
/// docs/domain/screening.md; the seeds name these as the usual sources of 矛盾纠纷). The Chinese names:
/// <see cref="DisputeKinds"/>. Stored by name, so the table may grow without renumbering.
/// </summary>
public enum DisputeKind
{
    /// <summary>土地征收: land requisition and its compensation.</summary>
    LandRequisition,
    /// <summary>房屋拆迁: demolition and resettlement.</summary>
    Demolition,
    /// <summary>劳动关系/欠薪: labour relations, unpaid wages.</summary>
    LabourWages,
    /// <summary>邻里纠纷: disputes between neighbours.</summary>
    Neighbours,
    /// <summary>婚姻家庭: marriage and family.</summary>
    MarriageFamily,
    /// <summary>环境污染: pollution.</summary>
    Pollution,
    /// <summary>物业管理: property management of residential estates.</summary>
    PropertyManagement,
    /// <summary>其他: anything else.</summary>
    Other,
}

/// <summary>The one code table of dispute kinds' Chinese names (pages, API answers, figures and the annual report read it).</summary>
public static class DisputeKinds
{
    public static IReadOnlyList<DisputeKind> All { get; } = Enum.GetValues<DisputeKind>();

    public static string NameOf(DisputeKind kind) => kind switch
    {
        DisputeKind.LandRequisition => "土地征收",
        DisputeKind.Demolition => "房屋拆迁",
        DisputeKind.LabourWages => "劳动关系/欠薪",
        DisputeKind.Neighbours => "邻里纠纷",
        DisputeKind.MarriageFamily => "婚姻家庭",
        DisputeKind.Pollution => "环境污染",
        DisputeKind.PropertyManagement => "物业管理",
        _ => "其他",
    };
}
