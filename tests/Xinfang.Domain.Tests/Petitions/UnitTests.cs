using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>The responsible unit: notice of receipt, objection, acceptance and the route (条例 Arts. 23, 31, 34).</summary>
public sealed class UnitTests
{
    [Fact]
    public void The_notice_of_receipt_stops_its_clock_and_is_given_once_only_Art_23_para_3()
    {
        var s = Scenario.New().Register().Forward();
        var p = s.Petition;
        s.Advance();

        p.NotifyReceipt("按《信访工作条例》第三十一条第六项调查核实", true, s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Forwarded, p.State);
        Assert.Equal(new DateOnly(2026, 3, 12), p.NotifiedOn);
        Assert.Equal(new DateOnly(2026, 3, 12), Expect.Clock(p, DeadlineKind.NoticeOfReceipt).MetOn);
        var entry = Expect.LastEntry(p, PetitionAction.NotifyReceipt, PetitionState.Forwarded, PetitionState.Forwarded, s.UnitOfficer, "当场书面告知");
        var notice = Expect.DocumentOf(p, entry, DocumentKind.NoticeOfReceipt);
        Assert.Equal("您的信访事项已于2026年3月12日收到。处理途径和程序：按《信访工作条例》第三十一条第六项调查核实", notice.Body);

        s.Advance();
        Expect.Refused("already-notified", p, () => p.NotifyReceipt("再次告知", false, s.UnitOfficer, s.Now));
    }

    [Fact]
    public void An_objection_on_the_fifth_working_day_goes_back_to_the_bureau_for_verification_Art_23_para_3()
    {
        var s = Scenario.New().Register().Forward().At(new DateOnly(2026, 3, 18));
        var p = s.Petition;

        p.RaiseObjection("  所反映的补贴由区住建局审核发放，不属于本单位职权范围。 ", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.ObjectionRaised, p.State);
        Assert.Equal(PetitionState.Forwarded, p.StateBeforeObjection);
        Assert.Equal(new DateOnly(2026, 3, 18), Expect.Clock(p, DeadlineKind.ForwardObjection).MetOn);
        var entry = Expect.LastEntry(p, PetitionAction.RaiseObjection, PetitionState.Forwarded, PetitionState.ObjectionRaised, s.UnitOfficer, "提出异议：不属于本单位职权范围");
        var letter = Expect.DocumentOf(p, entry, DocumentKind.ObjectionLetter);
        Assert.Equal("所反映的补贴由区住建局审核发放，不属于本单位职权范围。", letter.Body);
        Assert.False(letter.AddressedToPetitioner);
    }

    [Fact]
    public void An_objection_on_the_sixth_working_day_is_too_late_Art_23_para_3()
    {
        var s = Scenario.New().Register().Forward().At(new DateOnly(2026, 3, 19));

        var violation = Expect.Refused("objection-window-passed", s.Petition, () => s.RaiseObjection());

        Assert.Contains("2026-03-18", violation.Message, StringComparison.Ordinal);
        Assert.Contains("5个工作日", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_objection_needs_detailed_reasons_Art_23_para_3()
    {
        var s = Scenario.New().Register().Forward();

        Expect.Refused("objection-reasons-too-short", s.Petition, () => s.Petition.RaiseObjection("不归我们管", s.UnitOfficer, s.Now));
    }

    [Fact]
    public void A_political_legal_body_has_no_objection_window_here_Art_23_para_4()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { LitigationRelated = true }).Forward(s.PoliticalLegal);

        Expect.Refused("objection-window-passed", s.Petition, () => s.RaiseObjection());
    }

    [Fact]
    public void An_approved_objection_returns_the_item_to_the_bureau_with_a_fresh_disposition_period()
    {
        var s = Scenario.InState(PetitionState.ObjectionRaised); // objection 2026-03-12
        var p = s.Petition;
        s.Advance(); // 2026-03-13

        p.ApproveObjection("确属区级事权", s.BureauOfficer, s.Now);

        Assert.Equal(PetitionState.Registered, p.State);
        Assert.Equal(s.CityBureau.Id, p.CurrentOrganizationId);
        Assert.True(Expect.Clock(p, DeadlineKind.NoticeOfReceipt).Cancelled);
        var disposition = Expect.Clock(p, DeadlineKind.BureauDisposition);
        Assert.True(disposition.IsOpen);
        Assert.Equal(new DateOnly(2026, 3, 28), disposition.DueOn);
        Expect.LastEntry(p, PetitionAction.ApproveObjection, PetitionState.ObjectionRaised, PetitionState.Registered, s.BureauOfficer, "核实同意异议，材料交还，重新处理（确属区级事权）");

        s.Forward(s.PoliticalLegal);
        Assert.Equal(PetitionState.Forwarded, p.State);
    }

    [Theory]
    [InlineData(PetitionState.Forwarded)]
    [InlineData(PetitionState.Assigned)]
    public void A_rejected_objection_sends_the_item_back_to_the_unit_as_it_was(PetitionState dispatched)
    {
        var s = Scenario.InState(dispatched).RaiseObjection();
        var p = s.Petition;
        s.Advance();

        p.RejectObjection(" 补贴发放属市住建局职责 ", s.BureauOfficer, s.Now);

        Assert.Equal(dispatched, p.State);
        Assert.Equal(s.Unit.Id, p.CurrentOrganizationId);
        Expect.LastEntry(p, PetitionAction.RejectObjection, PetitionState.ObjectionRaised, dispatched, s.BureauOfficer, "不同意异议：补贴发放属市住建局职责");
        Expect.Refused("objection-window-passed", p, () => s.RaiseObjection());
    }

    [Fact]
    public void Accepting_on_31_January_starts_a_60_day_handling_period_ending_1_April_Art_34()
    {
        var s = Scenario.New(new DateTimeOffset(2026, 1, 29, 9, 0, 0, TimeSpan.FromHours(8))).Register().Assign().At(new DateOnly(2026, 1, 31));
        var p = s.Petition;

        p.Accept(s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Accepted, p.State);
        Assert.Equal(new DateOnly(2026, 1, 31), p.AcceptedOn);
        Assert.Equal(s.Unit.Id, p.HandlingOrganizationId);
        var handling = Expect.Clock(p, DeadlineKind.Handling);
        Assert.Equal(new DateOnly(2026, 4, 1), handling.DueOn);
        Assert.Equal("受理 2026-01-31 + 60日 = 2026-04-01", handling.Explanation);
        Assert.True(Expect.Clock(p, DeadlineKind.ForwardObjection).Cancelled);
        Assert.Equal(NationalState.受理, p.NationalStateOn(new DateOnly(2026, 4, 1)));
        Assert.Equal(NationalState.超期未作出处理意见, p.NationalStateOn(new DateOnly(2026, 4, 2)));
        Expect.LastEntry(p, PetitionAction.Accept, PetitionState.Assigned, PetitionState.Accepted, s.UnitOfficer, "受理");
        Assert.Null(p.History[^1].DocumentId);
    }

    [Theory]
    [InlineData(HandlingRoute.LitigationProcedure)]
    [InlineData(HandlingRoute.Arbitration)]
    [InlineData(HandlingRoute.PartyAppeal)]
    [InlineData(HandlingRoute.AdministrativeProcedure)]
    public void Routes_one_to_four_leave_the_petition_track_with_a_guidance_notice_Art_31(HandlingRoute route)
    {
        var s = Scenario.InState(PetitionState.Accepted);
        var p = s.Petition;
        s.Advance();

        p.ChooseRoute(route, "请于30日内向有管辖权的机关提出。", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.GuidedToProcedure, p.State);
        Assert.Equal(route, p.Route);
        var handling = Expect.Clock(p, DeadlineKind.Handling);
        Assert.True(handling.Cancelled);
        Assert.False(handling.IsOverdueOn(handling.DueOn.AddDays(1)));
        Assert.Equal(NationalState.审核认定办结, p.NationalStateOn(handling.DueOn.AddDays(1)));
        Assert.NotEqual(DeadlineKind.Handling, p.CurrentDeadline?.Kind);
        var entry = Expect.LastEntry(p, PetitionAction.ChooseRoute, PetitionState.Accepted, PetitionState.GuidedToProcedure, s.UnitOfficer, CodeNames.Of(route));
        var notice = Expect.DocumentOf(p, entry, DocumentKind.GuidanceNotice);
        Assert.Equal("导入法定程序告知书", notice.Title);
        Assert.Equal($"您的信访事项应当{CodeNames.Of(route)}解决（《信访工作条例》第三十一条）。请于30日内向有管辖权的机关提出。", notice.Body);
    }

    [Theory]
    [InlineData(HandlingRoute.LitigationProcedure, PetitionCategory.Suggestion)]
    [InlineData(HandlingRoute.Arbitration, PetitionCategory.Suggestion)]
    [InlineData(HandlingRoute.PartyAppeal, PetitionCategory.Accusation)]
    [InlineData(HandlingRoute.AdministrativeProcedure, PetitionCategory.Accusation)]
    public void Routes_one_to_four_are_only_for_appeals_and_demands_Art_29_31(HandlingRoute route, PetitionCategory category)
    {
        var s = Scenario.InState(PetitionState.Accepted, s => s.Letter() with { Category = category, AccusedOrganizationId = category == PetitionCategory.Accusation ? Guid.NewGuid() : null });

        Expect.Refused("route-needs-appeal", s.Petition, () => s.ChooseRoute(route));
    }

    [Fact]
    public void Leaving_the_track_needs_the_guidance_for_the_petitioner()
    {
        var s = Scenario.InState(PetitionState.Accepted);

        Expect.Refused("guidance-required", s.Petition, () => s.Petition.ChooseRoute(HandlingRoute.Arbitration, " ", s.UnitOfficer, s.Now));
    }

    [Theory]
    [InlineData(HandlingRoute.PerformDuty, PetitionCategory.AppealOrDemand)]
    [InlineData(HandlingRoute.Investigate, PetitionCategory.AppealOrDemand)]
    [InlineData(HandlingRoute.Investigate, PetitionCategory.Suggestion)]
    [InlineData(HandlingRoute.Investigate, PetitionCategory.Accusation)]
    public void Routes_five_and_six_stay_with_the_unit_and_keep_the_handling_clock_running_Art_31(HandlingRoute route, PetitionCategory category)
    {
        var s = Scenario.InState(PetitionState.Accepted, s => s.Letter() with { Category = category, AccusedOrganizationId = category == PetitionCategory.Accusation ? Guid.NewGuid() : null });
        var p = s.Petition;

        s.ChooseRoute(route);

        Assert.Equal(PetitionState.Handling, p.State);
        Assert.Equal(route, p.Route);
        Assert.True(Expect.Clock(p, DeadlineKind.Handling).IsOpen);
        var entry = Expect.LastEntry(p, PetitionAction.ChooseRoute, PetitionState.Accepted, PetitionState.Handling, s.UnitOfficer, CodeNames.Of(route));
        Assert.Null(entry.DocumentId);
    }
}
