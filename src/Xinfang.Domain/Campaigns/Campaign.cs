using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Campaigns;

/// <summary>Where a campaign entry came from (治重化积 lists): 中央交办, 省交办, or the city/county's own check (市县自查).</summary>
public enum CampaignSource
{
    /// <summary>中央交办.</summary>
    Central,
    /// <summary>省交办.</summary>
    Provincial,
    /// <summary>市县自查.</summary>
    LocalCheck,
}

/// <summary>What a campaign is about: 治理重复信访, 化解信访积案, or both together (治重化积).</summary>
public enum CampaignKind
{
    /// <summary>治理重复信访.</summary>
    RepeatPetitions,
    /// <summary>化解信访积案: the items of its entries are flagged 积案.</summary>
    Backlog,
    /// <summary>治理重复信访、化解信访积案 together (治重化积): the items of its entries are flagged 积案.</summary>
    Both,
}

/// <summary>How an entry ended: 化解 or 未化解 (about the matter, never the petitioner, domain.md §12).</summary>
public enum CampaignOutcome
{
    /// <summary>化解.</summary>
    Resolved,
    /// <summary>未化解.</summary>
    Unresolved,
}

/// <summary>
/// A campaign (专项工作: 治理重复信访、化解信访积案, 治重化积 — 蓝山's first batch: 111 repeat items): a name, a period and the
/// body that runs it, holding entries by source. Each entry names a matter — a petition item by number where one exists,
/// or a free description — with an owner (a leader or a unit), a plan, a deadline inside the campaign's period, dated
/// progress notes and one outcome.
/// </summary>
public sealed class Campaign
{
    public const int MaxNameLength = 100;

    public const int MaxEntries = 5000;

    private readonly List<CampaignEntry> _entries = [];

    private Campaign()
    {
        Name = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Guid OrganizationId { get; private set; }

    public CampaignKind Kind { get; private set; }

    /// <summary>Whether the items of its entries are flagged 积案 (a campaign that takes on backlog cases).</summary>
    public bool FlagsBacklog => Kind is CampaignKind.Backlog or CampaignKind.Both;

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<CampaignEntry> Entries => _entries;

    public int Version { get; private set; }

    /// <summary>A campaign of the organising bureau (<paramref name="by"/>'s body); <paramref name="endsOn"/> is also its deadline (化解期限): no entry is due later.</summary>
    public static Campaign Create(Guid id, string name, DateOnly startsOn, DateOnly endsOn, Actor by, DateTimeOffset now, CampaignKind kind = CampaignKind.Both)
    {
        Require(Enum.IsDefined(kind), "kind-unknown", "专项工作类型应为治理重复信访、化解信访积案或两者", "kind");
        ArgumentNullException.ThrowIfNull(by);
        Require(!string.IsNullOrWhiteSpace(name), "name-required", "专项工作名称不能为空", "name");
        Require(name.Trim().Length <= MaxNameLength, "name-too-long", $"专项工作名称不能超过{MaxNameLength}字", "name");
        Require(endsOn >= startsOn, "period-reversed", "结束日期不能早于开始日期", "endsOn");
        Require(endsOn <= startsOn.AddYears(3), "period-too-long", "专项工作期间不能超过三年", "endsOn");
        return new Campaign
        {
            Id = id,
            Name = name.Trim(),
            OrganizationId = by.OrganizationId,
            Kind = kind,
            StartsOn = startsOn,
            EndsOn = endsOn,
            CreatedBy = by.Name,
            CreatedAt = now,
        };
    }

    /// <summary>Adds checked rows all at once (an import either takes every row or none: the caller checks them first).</summary>
    public void AddEntries(IEnumerable<CampaignEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        Require(_entries.Count + list.Count <= MaxEntries, "too-many-entries", $"一个专项工作最多{MaxEntries}条");
        foreach (var e in list)
        {
            Require(e.DueOn >= StartsOn && e.DueOn <= EndsOn, "due-outside", $"化解期限应在专项工作期间（{StartsOn:yyyy-MM-dd}至{EndsOn:yyyy-MM-dd}）内", "dueOn");
            _entries.Add(e);
        }

        Version++;
    }

    public CampaignEntry Entry(Guid entryId) => _entries.SingleOrDefault(e => e.Id == entryId) ?? throw new DomainRuleViolation("entry-unknown", "没有这一条");

    public static string NameOf(CampaignSource source) => source switch
    {
        CampaignSource.Central => "中央交办",
        CampaignSource.Provincial => "省交办",
        _ => "市县自查",
    };

    public static CampaignSource? SourceFrom(string? text) => text?.Trim() switch
    {
        "中央交办" or "Central" => CampaignSource.Central,
        "省交办" or "Provincial" => CampaignSource.Provincial,
        "市县自查" or "自查" or "LocalCheck" => CampaignSource.LocalCheck,
        _ => null,
    };

    public static string NameOf(CampaignKind kind) => kind switch
    {
        CampaignKind.RepeatPetitions => "治理重复信访",
        CampaignKind.Backlog => "化解信访积案",
        _ => "治理重复信访、化解信访积案",
    };

    public static string NameOf(CampaignOutcome outcome) => outcome == CampaignOutcome.Resolved ? "化解" : "未化解";

    internal static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}

/// <summary>One matter of a campaign.</summary>
public sealed class CampaignEntry
{
    public const int MaxTextLength = 1000;

    public const int MaxOwnerLength = 100;

    public const int MaxNotes = 200;

    private readonly List<CampaignProgressNote> _notes = [];

    private CampaignEntry()
    {
        Matter = Owner = Plan = string.Empty;
    }

    public Guid Id { get; private set; }

    public CampaignSource Source { get; private set; }

    /// <summary>The petition item, where the matter has one.</summary>
    public Guid? PetitionId { get; private set; }

    public string? PetitionNumber { get; private set; }

    /// <summary>What the matter is (a free description where no item exists; the item's title otherwise).</summary>
    public string Matter { get; private set; }

    /// <summary>The owner: a leader or a unit, by name.</summary>
    public string Owner { get; private set; }

    /// <summary>The 包案 leader by name and post, where one owns the matter beside (or instead of) a unit.</summary>
    public string? Leader { get; private set; }

    /// <summary>The owning unit, where the owner is a body of the tree (for progress per unit).</summary>
    public Guid? OwnerOrganizationId { get; private set; }

    public string Plan { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string? Progress { get; private set; }

    public DateOnly? ProgressOn { get; private set; }

    /// <summary>Every progress note, oldest first (<see cref="Progress"/> is the latest).</summary>
    public IReadOnlyList<CampaignProgressNote> Notes => _notes;

    public CampaignOutcome? Outcome { get; private set; }

    public DateOnly? OutcomeOn { get; private set; }

    /// <summary>Why it was not resolved (required for 未化解), or how it was (optional for 化解).</summary>
    public string? OutcomeReason { get; private set; }

    /// <summary>When the outcome was typed (kept beside the date typed).</summary>
    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    public bool IsOverdueOn(DateOnly today) => Outcome is null && today > DueOn;

    public static CampaignEntry New(Guid id, CampaignSource source, Guid? petitionId, string? petitionNumber, string matter, string owner, Guid? ownerOrganizationId, string plan, DateOnly dueOn, string? leader = null)
    {
        Campaign.Require(Enum.IsDefined(source), "source-unknown", "来源应为中央交办、省交办或市县自查", "source");
        Campaign.Require(!string.IsNullOrWhiteSpace(matter), "matter-required", "请填写信访件编号或事项描述", "matter");
        Campaign.Require(!string.IsNullOrWhiteSpace(owner), "owner-required", "请填写包案领导或责任单位", "owner");
        Campaign.Require(!string.IsNullOrWhiteSpace(plan), "plan-required", "请填写化解方案", "plan");
        return new CampaignEntry
        {
            Id = id,
            Source = source,
            PetitionId = petitionId,
            PetitionNumber = petitionNumber,
            Matter = Limit(matter, MaxTextLength),
            Owner = Limit(owner, MaxOwnerLength),
            OwnerOrganizationId = ownerOrganizationId,
            Plan = Limit(plan, MaxTextLength),
            DueOn = dueOn,
            Leader = string.IsNullOrWhiteSpace(leader) ? null : Limit(leader, MaxOwnerLength),
        };
    }

    /// <summary>A progress note (the latest kept on the entry), dated not in the future.</summary>
    public void RecordProgress(string text, DateOnly on, DateOnly today, string by = "", DateTimeOffset? at = null)
    {
        Campaign.Require(_notes.Count < MaxNotes, "too-many-notes", $"每条最多{MaxNotes}条进展");
        Campaign.Require(Outcome is null, "entry-closed", "该条已有化解结果");
        Campaign.Require(!string.IsNullOrWhiteSpace(text), "progress-required", "进展情况不能为空", "progress");
        Campaign.Require(on <= today, "progress-in-future", "进展日期不能晚于今天", "progressOn");
        Progress = Limit(text, MaxTextLength);
        ProgressOn = on;
        _notes.Add(new CampaignProgressNote(Progress, on, by, at ?? default));
    }

    /// <summary>The outcome, once, not in the future.</summary>
    public void RecordOutcome(CampaignOutcome outcome, DateOnly on, DateOnly today, string? reason = null, DateTimeOffset? at = null)
    {
        Campaign.Require(Outcome is null, "outcome-recorded", "该条已记录化解结果，不能再次记录");
        Campaign.Require(Enum.IsDefined(outcome), "outcome-unknown", "化解结果应为化解或未化解", "outcome");
        Campaign.Require(on <= today, "outcome-in-future", "结果日期不能晚于今天", "outcomeOn");
        Campaign.Require(outcome != CampaignOutcome.Unresolved || !string.IsNullOrWhiteSpace(reason), "reason-required", "未化解的请说明原因", "reason");
        Outcome = outcome;
        OutcomeOn = on;
        OutcomeReason = string.IsNullOrWhiteSpace(reason) ? null : Limit(reason, MaxTextLength);
        OutcomeRecordedAt = at;
    }

    private static string Limit(string text, int max)
    {
        var t = text.Trim();
        Campaign.Require(t.Length <= max, "too-long", $"内容不能超过{max}字");
        return t;
    }
}

/// <summary>A dated progress note on an entry (what was done about the matter; who wrote it).</summary>
public sealed class CampaignProgressNote
{
    private CampaignProgressNote()
    {
        Text = By = string.Empty;
    }

    public CampaignProgressNote(string text, DateOnly on, string by, DateTimeOffset recordedAt)
    {
        Text = text;
        On = on;
        By = by;
        RecordedAt = recordedAt;
    }

    public string Text { get; private set; }

    public DateOnly On { get; private set; }

    public string By { get; private set; }

    /// <summary>When the note was typed (kept beside the date typed).</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>积案: an item flagged as a backlog case — when it enters a campaign, or by hand. Its own row, not a column of the item.</summary>
public sealed class BacklogFlag
{
    private BacklogFlag()
    {
        FlaggedBy = Reason = string.Empty;
    }

    public Guid PetitionId { get; private set; }

    public Guid? CampaignId { get; private set; }

    public string Reason { get; private set; }

    public string FlaggedBy { get; private set; }

    public DateTimeOffset FlaggedAt { get; private set; }

    public static BacklogFlag Of(Guid petitionId, Guid? campaignId, string reason, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        return new BacklogFlag { PetitionId = petitionId, CampaignId = campaignId, Reason = reason.Trim(), FlaggedBy = by.Name, FlaggedAt = now };
    }
}
