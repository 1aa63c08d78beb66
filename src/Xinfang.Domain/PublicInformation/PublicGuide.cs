namespace Xinfang.Domain.PublicInformation;

/// <summary>
/// 信访公开: what a body tells the public about petitioning it. 条例 Art. 18: 各级机关、单位应当向社会公布
/// 网络信访渠道、通信地址、咨询投诉电话、信访接待的时间和地点、查询信访事项处理进展以及结果的方式等相关事项，
/// 在其信访接待场所或者网站公布……信访事项的处理程序，以及其他为信访人提供便利的相关事项.
/// One immutable revision of a body's text; a change is a new revision (who changed what, when, is kept).
/// </summary>
public sealed partial record PublicGuide(
    string? OnlineChannel,
    string? LetterAddress,
    string? Phone,
    string? ReceptionPlace,
    string? ReceptionHours,
    string? Scope,
    string? Procedure,
    string? QueryAndRating,
    string? Other)
{
    /// <summary>Longest single-line item (an address, a phone line, the hours).</summary>
    public const int MaxShortLength = 300;

    /// <summary>Longest multi-line item (the scope, the steps, the other notes).</summary>
    public const int MaxLongLength = 4000;

    /// <summary>At most this many steps in the flow of handling (one a line).</summary>
    public const int MaxSteps = 20;

    public static PublicGuide Empty { get; } = new(null, null, null, null, null, null, null, null, null);

    /// <summary>
    /// The items Art. 18 names that are still blank: the body has not yet published what the 条例 requires.
    /// Shown to the administrator who edits it, so a missing item is a visible gap, not a silent one.
    /// </summary>
    public IReadOnlyList<GuideItem> MissingForArticle18() =>
        Items.Where(i => i.RequiredByArticle18 && string.IsNullOrWhiteSpace(ValueOf(i.Field))).ToList();

    /// <summary>The steps of the flow of handling (the procedure's non-blank lines, numbering typed by hand removed).</summary>
    public IReadOnlyList<string> Steps => StepsOf(Procedure);

    public static IReadOnlyList<string> StepsOf(string? procedure) =>
        (procedure ?? string.Empty).Split('\n')
            .Select(l => HandNumbering().Replace(l.Trim(), string.Empty).Trim())
            .Where(l => l.Length > 0)
            .ToList();

    /// <summary>"1." "2、" "（3）" typed at the start of a line: the list numbers the steps itself.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[（(]\d{1,2}[)）]|\d{1,2}\s*[.、．)）])\s*")]
    private static partial System.Text.RegularExpressions.Regex HandNumbering();

    /// <summary>The names of the items whose text differs between two revisions (for the change history).</summary>
    public IReadOnlyList<GuideItem> ChangedFrom(PublicGuide? before) =>
        Items.Where(i => !string.Equals(Normalize(ValueOf(i.Field)), Normalize(before?.ValueOf(i.Field)), StringComparison.Ordinal)).ToList();

    public string? ValueOf(GuideField field) => field switch
    {
        GuideField.OnlineChannel => OnlineChannel,
        GuideField.LetterAddress => LetterAddress,
        GuideField.Phone => Phone,
        GuideField.ReceptionPlace => ReceptionPlace,
        GuideField.ReceptionHours => ReceptionHours,
        GuideField.Scope => Scope,
        GuideField.Procedure => Procedure,
        GuideField.QueryAndRating => QueryAndRating,
        GuideField.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>True when nothing at all is filled in (such a revision would publish nothing).</summary>
    public bool IsBlank => Items.All(i => string.IsNullOrWhiteSpace(ValueOf(i.Field)));

    private static string Normalize(string? s) => (s ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Every item in the order the public page shows it, with its name and its length limit.</summary>
    public static IReadOnlyList<GuideItem> Items { get; } =
    [
        new(GuideField.OnlineChannel, "网上信访渠道", MaxShortLength, Multiline: false, RequiredByArticle18: true),
        new(GuideField.LetterAddress, "来信通信地址", MaxShortLength, Multiline: false, RequiredByArticle18: true),
        new(GuideField.Phone, "咨询投诉电话", MaxShortLength, Multiline: false, RequiredByArticle18: true),
        new(GuideField.ReceptionPlace, "来访接待地点", MaxShortLength, Multiline: false, RequiredByArticle18: true),
        new(GuideField.ReceptionHours, "来访接待时间", MaxShortLength, Multiline: false, RequiredByArticle18: true),
        new(GuideField.Scope, "受理范围", MaxLongLength, Multiline: true, RequiredByArticle18: false),
        new(GuideField.Procedure, "信访事项的处理程序", MaxLongLength, Multiline: true, RequiredByArticle18: true),
        new(GuideField.QueryAndRating, "查询办理进展和结果、评价的方式", MaxLongLength, Multiline: true, RequiredByArticle18: true),
        new(GuideField.Other, "其他便民事项", MaxLongLength, Multiline: true, RequiredByArticle18: false),
    ];
}

/// <summary>One item of a public guide.</summary>
public enum GuideField
{
    OnlineChannel,
    LetterAddress,
    Phone,
    ReceptionPlace,
    ReceptionHours,
    Scope,
    Procedure,
    QueryAndRating,
    Other,
}

/// <summary>An item's name as published, its length limit, and whether 条例 Art. 18 names it.</summary>
public sealed record GuideItem(GuideField Field, string Name, int MaxLength, bool Multiline, bool RequiredByArticle18);
