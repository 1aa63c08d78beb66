namespace Xinfang.Domain.Organizations;

/// <summary>行政层级. 国家 > 省 > 市 > 县 > 乡(镇/街道) > 村(社区) (domain.md §2).</summary>
public enum OrganizationLevel
{
    National = 0,
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>The kinds of body a petition moves between (domain.md §2).</summary>
public enum OrganizationKind
{
    /// <summary>信访部门: the petition bureau of a 党委和政府.</summary>
    PetitionBureau = 0,
    /// <summary>责任单位/有权处理机关: functional departments, township governments.</summary>
    ResponsibleUnit = 1,
    /// <summary>政法部门: courts, procuratorates, public security, justice bureaus.</summary>
    PoliticalLegal = 2,
    /// <summary>纪检监察机关.</summary>
    DisciplineInspection = 3,
    /// <summary>信访工作联席会议: the coordinator of last resort (条例 Art. 24).</summary>
    JointMeeting = 4,
}

/// <summary>A node of the organisation tree. Petitions move between these.</summary>
public sealed class Organization
{
    private Organization()
    {
        Code = Name = DivisionCode = string.Empty;
    }

    public Organization(Guid id, string code, string name, string divisionCode, OrganizationLevel level, OrganizationKind kind, Guid? parentId, string? line = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (divisionCode.Length < 6 || !divisionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("行政区划代码应为6位数字（乡级加3位）", nameof(divisionCode));
        }

        Id = id;
        Code = code;
        Name = name;
        DivisionCode = divisionCode;
        Level = level;
        Kind = kind;
        ParentId = parentId;
        Line = string.IsNullOrWhiteSpace(line) ? null : line.Trim();
        if (Line is { Length: > MaxLineLength })
        {
            throw new ArgumentException($"系统代码不能超过{MaxLineLength}字", nameof(line));
        }
    }

    public const int MaxLineLength = 16;

    public Guid Id { get; private set; }

    /// <summary>The organisation's own code; petition numbers carry it, so two bodies of one division never collide.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>行政区划代码 (GB/T 2260 style, 6 digits, plus a 3-digit township suffix).</summary>
    public string DivisionCode { get; private set; }

    public OrganizationLevel Level { get; private set; }

    public OrganizationKind Kind { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>
    /// 系统: the line of work a functional department belongs to (住建, 人社, …), the same at every
    /// level. It names the 上一级主管部门 of a department — the one of the same line one level up
    /// (<see cref="OrganizationTree.SuperiorsOf"/>). Empty for petition bureaus and township governments.
    /// </summary>
    public string? Line { get; private set; }

    public const int MaxNameLength = 100;

    /// <summary>
    /// The body this one was merged into (不再使用), or null. A merged body is kept, never deleted: history,
    /// closed items, issued numbers and past figures keep naming it as it was.
    /// </summary>
    public Guid? MergedIntoId { get; private set; }

    /// <summary>The day of the merge.</summary>
    public DateOnly? MergedOn { get; private set; }

    public bool IsMerged => MergedIntoId is not null;

    /// <summary>
    /// Marks the body merged into <paramref name="successor"/> and hangs it under it, so the successor's subtree
    /// (its staff's scope, and the accusation rule's "accused body and its subtree") covers the merged body's past.
    /// Refused into itself, into its own subtree (<paramref name="ownSubtree"/>), when already merged, or into a merged body.
    /// </summary>
    public void MergeInto(Organization successor, DateOnly on, IReadOnlySet<Guid> ownSubtree)
    {
        ArgumentNullException.ThrowIfNull(successor);
        ArgumentNullException.ThrowIfNull(ownSubtree);
        if (IsMerged)
        {
            throw new InvalidOperationException("该机构已合并，不能再合并");
        }

        if (successor.IsMerged)
        {
            throw new InvalidOperationException("不能并入已合并的机构");
        }

        if (ownSubtree.Contains(successor.Id))
        {
            throw new InvalidOperationException("不能把机构并入它自己或它的下级机构");
        }

        MergedIntoId = successor.Id;
        MergedOn = on;
        ParentId = successor.Id;
    }

    /// <summary>A new name (a body renamed by its government); its code, and so its petition numbers, stay.</summary>
    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength)
        {
            throw new ArgumentException($"机构名称不能超过{MaxNameLength}字", nameof(name));
        }

        Name = trimmed;
    }

    /// <summary>
    /// Puts the body under another parent. <paramref name="ownSubtree"/> is the body and everything below it:
    /// a body under itself or under one of its own sub-bodies would make the tree a cycle, so that is refused.
    /// </summary>
    public void MoveUnder(Guid newParentId, IReadOnlySet<Guid> ownSubtree)
    {
        ArgumentNullException.ThrowIfNull(ownSubtree);
        if (ownSubtree.Contains(newParentId))
        {
            throw new InvalidOperationException("不能把机构移到它自己或它的下级机构之下");
        }

        ParentId = newParentId;
    }

    public static string LevelName(OrganizationLevel level) => level switch
    {
        OrganizationLevel.National => "国家",
        OrganizationLevel.Province => "省",
        OrganizationLevel.City => "市",
        OrganizationLevel.County => "县",
        OrganizationLevel.Township => "乡",
        _ => "村",
    };

    public static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.PetitionBureau => "信访部门",
        OrganizationKind.ResponsibleUnit => "责任单位",
        OrganizationKind.PoliticalLegal => "政法部门",
        OrganizationKind.DisciplineInspection => "纪检监察机关",
        _ => "信访工作联席会议",
    };
}
