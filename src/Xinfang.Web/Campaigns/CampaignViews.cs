using Xinfang.Web.Common;

namespace Xinfang.Web.Campaigns;

/// <summary>Progress of a set of entries: 条数, 已化解, 未化解, 在办, 逾期 (in 办 past its deadline) and 化解率 (已化解 ÷ 条数).</summary>
public sealed record CampaignProgress(string Key, string Name, int Entries, int Resolved, int Unresolved, int Open, int Overdue)
{
    /// <summary>化解率 in per cent, two decimals: 已化解 ÷ all entries of the list (a campaign counts against its whole list); null for none.</summary>
    public decimal? ResolutionRate => Entries == 0 ? null : Math.Round(100m * Resolved / Entries, 2, MidpointRounding.AwayFromZero);

    public string RateText => ResolutionRate is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>A progress note as shown.</summary>
public sealed record CampaignNoteView(string Text, DateOnly On, string By, DateTimeOffset RecordedAt);

/// <summary>
/// One entry as its reader may see it. An entry about a petition item shows the item's number and matter only when the
/// reader may see the item (<c>PetitionGuard</c>); otherwise <see cref="Hidden"/> is true and matter, plan, notes and
/// reason are left out — the row still counts in the progress figures.
/// </summary>
public sealed record CampaignEntryView(
    Guid Id,
    string Source,
    string SourceName,
    Guid? PetitionId,
    string? PetitionNumber,
    bool Hidden,
    string Matter,
    string Owner,
    string? Leader,
    Guid? OwnerOrganizationId,
    string Plan,
    DateOnly DueOn,
    bool Overdue,
    IReadOnlyList<CampaignNoteView> Notes,
    string? Outcome,
    string? OutcomeName,
    DateOnly? OutcomeOn,
    string? OutcomeReason,
    bool MayRecordProgress);

/// <summary>A campaign as listed: its figures without entries.</summary>
public sealed record CampaignSummaryView(
    Guid Id,
    string Name,
    string Kind,
    string KindName,
    Guid OrganizationId,
    string OrganizationName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    CampaignProgress Progress);

/// <summary>A campaign with its entries, its progress in total, by source and by responsible unit.</summary>
public sealed record CampaignView(
    Guid Id,
    string Name,
    string Kind,
    string KindName,
    Guid OrganizationId,
    string OrganizationName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool MayManage,
    CampaignProgress Progress,
    IReadOnlyList<CampaignProgress> BySource,
    IReadOnlyList<CampaignProgress> ByUnit,
    IReadOnlyList<CampaignEntryView> Entries);

/// <summary>A row error of an import, as answered: the sheet's row and the Chinese message.</summary>
public sealed record CampaignImportError(int Row, string Message);

/// <summary>What a campaign use case gave: the campaign, the bad fields (or bad rows), or a refusal (nothing saved).</summary>
public sealed record CampaignOutcomeResult(CampaignView? Campaign, RequestErrors? Errors, int Status, string? Because)
{
    public static CampaignOutcomeResult Done(CampaignView view) => new(view, null, 0, null);

    public static CampaignOutcomeResult Invalid(RequestErrors errors) => new(null, errors, 0, null);

    public static CampaignOutcomeResult NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到该专项工作");

    public static CampaignOutcomeResult Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static CampaignOutcomeResult Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    public IResult ToResult(bool created = false) => this switch
    {
        { Campaign: { } v } => created ? TypedResults.Created($"/api/campaigns/{v.Id}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound("专项工作"),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };
}
