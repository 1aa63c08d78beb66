using Xinfang.Domain.Campaigns;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Campaigns;

/// <summary>治重化积: a campaign's entries by source, deadlines in its period, an import that takes every row or none.</summary>
public sealed class CampaignTests
{
    private static readonly Actor Bureau = new("u-bureau", "王登记", Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Item = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();

    private static Campaign NewCampaign() => Campaign.Create(Guid.NewGuid(), "2026年治理重复信访化解信访积案专项工作", new DateOnly(2026, 3, 1), new DateOnly(2026, 9, 30), Bureau, Now);

    private static (Guid, string)? FindItem(string number) => number == "330106XFJ-2026-000001" ? (Item, "小区物业乱收停车费") : null;

    private static Guid? FindUnit(string name) => name == "西湖区住房和城乡建设局" ? Unit : null;

    [Fact]
    public void A_campaign_period_runs_forward_and_is_bounded()
    {
        Assert.Equal("endsOn", Assert.Throws<DomainRuleViolation>(() => Campaign.Create(Guid.NewGuid(), "专项", new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1), Bureau, Now)).Field);
        Assert.Equal("endsOn", Assert.Throws<DomainRuleViolation>(() => Campaign.Create(Guid.NewGuid(), "专项", new DateOnly(2026, 3, 1), new DateOnly(2029, 3, 2), Bureau, Now)).Field);
    }

    [Fact]
    public void Good_rows_become_entries_linked_to_items_or_describing_the_matter()
    {
        var campaign = NewCampaign();
        CampaignRow[] rows =
        [
            new(2, "中央交办", "330106XFJ-2026-000001", null, "西湖区住房和城乡建设局", "约谈物业公司", "2026-06-30"),
            new(3, "市县自查", null, "某小区拆迁安置补偿争议", "陈局长", "召开听证会", "2026/9/30"),
        ];

        var (entries, errors) = CampaignImport.Check(campaign, rows, FindItem, FindUnit);

        Assert.Empty(errors);
        Assert.Equal(2, entries.Count);
        Assert.Equal(Item, entries[0].PetitionId);
        Assert.Equal("小区物业乱收停车费", entries[0].Matter);
        Assert.Equal(Unit, entries[0].OwnerOrganizationId);
        Assert.Null(entries[1].PetitionId);
        Assert.Null(entries[1].OwnerOrganizationId);
        Assert.Equal(CampaignSource.LocalCheck, entries[1].Source);
        campaign.AddEntries(entries);
        Assert.Equal(2, campaign.Entries.Count);
    }

    [Fact]
    public void Any_bad_row_takes_nothing_and_every_fault_names_its_row()
    {
        var campaign = NewCampaign();
        CampaignRow[] rows =
        [
            new(2, "中央交办", "330106XFJ-2026-000001", null, "西湖区住房和城乡建设局", "约谈物业公司", "2026-06-30"),
            new(3, "国务院", null, null, "陈局长", "方案", "2026-06-30"),
            new(4, "省交办", "330106XFJ-2026-999999", null, null, "方案", "2027-01-01"),
        ];

        var (entries, errors) = CampaignImport.Check(campaign, rows, FindItem, FindUnit);

        Assert.Empty(entries);
        Assert.Contains("第3行：来源应为中央交办、省交办或市县自查", errors.Select(e => e.ToString()));
        Assert.Contains("第3行：请填写信访件编号或事项描述", errors.Select(e => e.ToString()));
        Assert.Contains("第4行：信访件编号330106XFJ-2026-999999不存在或无权查看", errors.Select(e => e.ToString()));
        Assert.Contains("第4行：请填写责任人（包案领导或责任单位）", errors.Select(e => e.ToString()));
        Assert.Contains(errors, e => e.RowNumber == 4 && e.Message.StartsWith("化解期限应在专项工作期间", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.RowNumber == 2);
    }

    [Fact]
    public void An_entry_is_overdue_after_its_deadline_until_it_has_an_outcome_which_is_recorded_once()
    {
        var entry = CampaignEntry.New(Guid.NewGuid(), CampaignSource.Provincial, null, null, "事项", "陈局长", null, "方案", new DateOnly(2026, 6, 30));

        Assert.False(entry.IsOverdueOn(new DateOnly(2026, 6, 30)));
        Assert.True(entry.IsOverdueOn(new DateOnly(2026, 7, 1)));
        entry.RecordProgress("已约谈", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1));
        entry.RecordOutcome(CampaignOutcome.Resolved, new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 2));
        Assert.False(entry.IsOverdueOn(new DateOnly(2026, 8, 1)));
        Assert.Equal("outcome-recorded", Assert.Throws<DomainRuleViolation>(() => entry.RecordOutcome(CampaignOutcome.Unresolved, new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 2))).Code);
        Assert.Equal("outcomeOn", Assert.Throws<DomainRuleViolation>(() => CampaignEntry.New(Guid.NewGuid(), CampaignSource.Central, null, null, "事项", "单位", null, "方案", new DateOnly(2026, 6, 30))
            .RecordOutcome(CampaignOutcome.Resolved, new DateOnly(2026, 7, 3), new DateOnly(2026, 7, 2))).Field);
    }

    [Fact]
    public void Progress_notes_are_kept_in_order_and_an_unresolved_outcome_needs_its_reason()
    {
        var entry = CampaignEntry.New(Guid.NewGuid(), CampaignSource.LocalCheck, null, null, "事项", "西湖区住房和城乡建设局", Unit, "方案", new DateOnly(2026, 6, 30), "陈局长");
        entry.RecordProgress("第一次约谈", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 2), "王登记");
        entry.RecordProgress("召开听证会", new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 2), "王登记");

        Assert.Equal(["第一次约谈", "召开听证会"], entry.Notes.Select(n => n.Text));
        Assert.Equal("召开听证会", entry.Progress);
        Assert.Equal("陈局长", entry.Leader);
        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => entry.RecordOutcome(CampaignOutcome.Unresolved, new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 2), " ")).Field);
        entry.RecordOutcome(CampaignOutcome.Unresolved, new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 2), "诉求超出政策规定");
        Assert.Equal("诉求超出政策规定", entry.OutcomeReason);
    }

    [Fact]
    public void A_row_may_name_a_leader_alone_and_only_backlog_campaigns_flag_items()
    {
        var campaign = NewCampaign();
        var (entries, errors) = CampaignImport.Check(campaign, [new(2, "省交办", null, "拆迁安置补偿争议", null, "包案化解", "2026-05-31", "陈局长")], FindItem, FindUnit);

        Assert.Empty(errors);
        Assert.Equal(("陈局长", "陈局长"), (entries[0].Owner, entries[0].Leader));
        Assert.True(campaign.FlagsBacklog);
        Assert.False(Campaign.Create(Guid.NewGuid(), "治理重复信访", new DateOnly(2026, 3, 1), new DateOnly(2026, 9, 30), Bureau, Now, CampaignKind.RepeatPetitions).FlagsBacklog);
    }
}
