using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>Issue 13's workflow: a registration corrected or voided, the 处理意见 drafted and signed off, an extension asked and approved.</summary>
public sealed class WorkflowTests
{
    // ---- 更正登记 ---------------------------------------------------------------------------

    [Fact]
    public void A_correction_changes_the_fields_and_keeps_old_and_new_in_the_history()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        var p = s.Petition;

        var changes = p.CorrectRegistration(new RegistrationCorrection(Title: "加装电梯补贴未按期发放", Form: PetitionForm.Visit, LitigationRelated: true, IssueLocationCode: "330106"), s.Registrar, s.Now);

        Assert.Equal(PetitionState.Registered, p.State);
        Assert.Equal("加装电梯补贴未按期发放", p.Title);
        Assert.Equal(PetitionForm.Visit, p.Form);
        Assert.True(p.LitigationRelated);
        Assert.Equal("330106", p.IssueLocationCode);
        Assert.Equal(4, changes.Count);
        var entry = p.History[^1];
        Assert.Equal(nameof(PetitionAction.CorrectRegistration), entry.Action);
        Assert.Contains("标题：小区加装电梯补贴未发放 → 加装电梯补贴未按期发放", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("涉法涉诉：否 → 是", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("问题属地：（空） → 330106", entry.Summary, StringComparison.Ordinal);
        Assert.Null(entry.PetitionerSummary);
    }

    [Fact]
    public void A_petitioners_details_are_named_in_the_history_never_quoted()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        var p = s.Petition;

        p.CorrectRegistration(new RegistrationCorrection(Petitioners: [Scenario.Zhang with { Phone = "13900001111", IdNumber = "110105194912310029" }]), s.Registrar, s.Now);

        Assert.Equal("13900001111", p.Petitioners[0].Phone);
        var summary = p.History[^1].Summary;
        Assert.Contains("信访人1的证件号码、联系电话已更正", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("13900001111", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_correction_keeps_the_limit_of_five_representatives_of_a_collective_visit()
    {
        // 条例 Art. 20 ¶3, as at registration.
        var s = Scenario.InState(PetitionState.Registered).Advance();
        var six = Enumerable.Range(0, 6).Select(i => Scenario.Li with { Name = $"代表{i}" }).ToList();

        var e = Assert.Throws<DomainRuleViolation>(() => s.Petition.CorrectRegistration(new RegistrationCorrection(Form: PetitionForm.Visit, Collective: true, Petitioners: six), s.Registrar, s.Now));

        Assert.Equal("too-many-representatives", e.Code);
        Assert.Equal(PetitionForm.Letter, s.Petition.Form);
    }

    [Fact]
    public void A_correction_that_changes_nothing_is_refused()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();

        var e = Assert.Throws<DomainRuleViolation>(() => s.Petition.CorrectRegistration(new RegistrationCorrection(Title: s.Petition.Title), s.Registrar, s.Now));

        Assert.Equal("correction-empty", e.Code);
    }

    [Fact]
    public void Once_anything_was_done_the_registration_is_neither_corrected_nor_voided()
    {
        // Forwarded, objected to and handed back: 已登记 again, but others have acted on it.
        var s = Scenario.InState(PetitionState.ObjectionRaised).Advance();
        s.Petition.ApproveObjection(null, s.BureauOfficer, s.Now);
        Assert.Equal(PetitionState.Registered, s.Petition.State);

        Assert.Equal("registration-acted-on", Assert.Throws<DomainRuleViolation>(() => s.Petition.CorrectRegistration(new RegistrationCorrection(Title: "新标题"), s.Registrar, s.Now)).Code);
        Assert.Equal("registration-acted-on", Assert.Throws<DomainRuleViolation>(() => s.Petition.VoidRegistration("录错", s.Registrar, s.Now)).Code);
        Assert.False(s.Petition.NothingDoneSinceRegistration);
        Assert.DoesNotContain(PetitionAction.VoidRegistration, s.Petition.AllowedActions);
    }

    [Fact]
    public void A_notice_or_a_report_counts_as_something_done()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        s.Petition.ReportUp("杭州市委、市政府", "涉及群体利益", s.BureauOfficer, s.Now);

        Assert.False(s.Petition.NothingDoneSinceRegistration);
        Assert.Throws<DomainRuleViolation>(() => s.Petition.VoidRegistration("录错", s.Registrar, s.Now));
    }

    [Fact]
    public void Corrections_and_the_petitioners_material_leave_the_registration_untouched()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        s.Petition.CorrectRegistration(new RegistrationCorrection(Title: "新标题"), s.Registrar, s.Now);
        s.Petition.AddSupplement("补充一份发票", [], s.PetitionerActor, s.Now);

        Assert.True(s.Petition.NothingDoneSinceRegistration);
        Assert.Contains(PetitionAction.VoidRegistration, s.Petition.AllowedActions);
    }

    // ---- 作废 --------------------------------------------------------------------------------

    [Fact]
    public void A_voided_item_takes_no_action_runs_no_clock_and_is_flagged_on_its_fact_row()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();
        var p = s.Petition;

        p.VoidRegistration("同一来信重复录入", s.Registrar, s.Now);

        Assert.Equal(PetitionState.Voided, p.State);
        Assert.Equal("已作废", Lifecycle.NameOf(p.State));
        Assert.Empty(p.AllowedActions);
        Assert.True(Lifecycle.IsTerminal(PetitionState.Voided));
        Assert.All(p.Deadlines, d => Assert.False(d.IsOpen));
        Assert.Null(p.CurrentDeadline);
        Assert.False(p.IsOverdueOn(s.Today.AddDays(100)));
        Assert.Equal("同一来信重复录入", p.VoidReason);
        Assert.Equal("该登记已作废", p.History[^1].PetitionerSummary);
        Assert.True(ItemFacts.Of(p, OrganizationKind.PetitionBureau, false).Voided);
        Assert.False(ItemFacts.Of(Scenario.InState(PetitionState.Registered).Petition, OrganizationKind.PetitionBureau, false).Voided);
        var e = Assert.Throws<DomainRuleViolation>(() => p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now));
        Assert.Equal("invalid-transition", e.Code);
    }

    [Fact]
    public void Voiding_needs_its_reason()
    {
        var s = Scenario.InState(PetitionState.Registered).Advance();

        Assert.Equal("reason-required", Assert.Throws<DomainRuleViolation>(() => s.Petition.VoidRegistration(" ", s.Registrar, s.Now)).Code);
        Assert.Equal(PetitionState.Registered, s.Petition.State);
    }

    // ---- 处理意见 起草 → 签发 -----------------------------------------------------------------

    [Fact]
    public void A_draft_reaches_nobody_and_moves_no_clock_until_the_head_signs_it_off()
    {
        var s = Scenario.InState(PetitionState.Handling).Advance();
        var p = s.Petition;
        var documents = p.Documents.Count;
        var due = p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn;

        p.DraftDecision(DecisionOutcome.Support, "发放补贴", "经核实符合条件", "予以发放", "《管理办法》第十二条", s.UnitOfficer, s.Now);

        Assert.Equal(PetitionState.Handling, p.State);
        Assert.Equal(documents, p.Documents.Count);
        Assert.Null(p.DecidedOn);
        Assert.Null(p.History[^1].PetitionerSummary);
        Assert.Equal(due, p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn);
        Assert.Contains(PetitionAction.SignOffDecision, p.AllowedActions);

        s.Advance();
        p.SignOffDecision(s.UnitHead, s.Now);

        Assert.Equal(PetitionState.Decided, p.State);
        Assert.Equal(s.Today, p.DecidedOn);
        Assert.Equal(DecisionOutcome.Support, p.DecisionOutcome);
        var doc = Assert.Single(p.Documents, d => d.Kind == DocumentKind.Decision);
        Assert.Contains("经核实符合条件", doc.Body, StringComparison.Ordinal);
        Assert.Contains("张经办起草，刘局长签发", p.History[^1].Summary, StringComparison.Ordinal);
        Assert.False(p.HasDraftDecision);
    }

    [Fact]
    public void A_returned_draft_is_not_signed_until_it_is_drafted_again()
    {
        var s = Scenario.InState(PetitionState.Handling).Advance();
        var p = s.Petition;
        p.DraftDecision(DecisionOutcome.NotSupport, "发放补贴", "不符合条件", "不予发放", "《管理办法》第十二条", s.UnitOfficer, s.Now);

        p.ReturnDecision("未写明核实经过", s.UnitHead, s.Now);

        Assert.Equal("未写明核实经过", p.DraftReturnedBecause);
        Assert.DoesNotContain(PetitionAction.SignOffDecision, p.AllowedActions);
        Assert.Equal("draft-returned", Assert.Throws<DomainRuleViolation>(() => p.SignOffDecision(s.UnitHead, s.Now)).Code);

        p.DraftDecision(DecisionOutcome.NotSupport, "发放补贴", "经现场核实，不符合条件", "不予发放", "《管理办法》第十二条", s.UnitOfficer, s.Now);
        p.SignOffDecision(s.UnitHead, s.Now);

        Assert.Equal(PetitionState.Decided, p.State);
        Assert.Contains("经现场核实", p.Documents.Single(d => d.Kind == DocumentKind.Decision).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_of_an_investigated_matter_states_its_legal_basis()
    {
        // 条例 Art. 32: the 信访处理意见书 states its legal basis; a draft is checked as the document would be.
        var s = Scenario.InState(PetitionState.Handling).Advance();

        Assert.Equal("legalBasis-required", Assert.Throws<DomainRuleViolation>(() => s.Petition.DraftDecision(DecisionOutcome.Support, "发放补贴", "符合条件", "予以发放", null, s.UnitOfficer, s.Now)).Code);
        Assert.Equal("no-draft", Assert.Throws<DomainRuleViolation>(() => s.Petition.SignOffDecision(s.UnitHead, s.Now)).Code);
    }

    // ---- 延期 申请 → 批准 --------------------------------------------------------------------

    [Fact]
    public void A_requested_extension_moves_the_clock_only_when_the_head_approves_it()
    {
        // 条例 Art. 34: extended with the head's approval, the petitioner told why.
        var s = Scenario.InState(PetitionState.Handling).Advance();
        var p = s.Petition;
        var due = p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn;

        p.RequestExtension(20, "需要现场勘查", s.UnitOfficer, s.Now);

        Assert.True(p.ExtensionPending);
        Assert.Equal(due, p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn);
        Assert.Empty(p.Extensions);
        Assert.DoesNotContain(PetitionAction.RequestExtension, p.AllowedActions);
        Assert.Equal("extension-already-requested", Assert.Throws<DomainRuleViolation>(() => p.RequestExtension(5, "再延", s.UnitOfficer, s.Now)).Code);

        s.Advance();
        p.ApproveExtension(s.UnitHead, s.Now);

        Assert.False(p.ExtensionPending);
        Assert.Equal(due.AddDays(20), p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn);
        var extension = Assert.Single(p.Extensions);
        Assert.Equal("刘局长", extension.ApprovedBy);
        Assert.Contains(p.Documents, d => d.Kind == DocumentKind.ExtensionNotice && d.Body.Contains("需要现场勘查", StringComparison.Ordinal));
        Assert.Contains("张经办申请", p.History[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_extension_leaves_the_period_as_it_was()
    {
        var s = Scenario.InState(PetitionState.Handling).Advance();
        var p = s.Petition;
        var due = p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn;
        p.RequestExtension(10, "需要补充材料", s.UnitOfficer, s.Now);

        p.RefuseExtension("期限内可以办结", s.UnitHead, s.Now);

        Assert.False(p.ExtensionPending);
        Assert.Empty(p.Extensions);
        Assert.Equal(due, p.Deadlines.Last(d => d.Kind == DeadlineKind.Handling).DueOn);
        Assert.Contains("期限内可以办结", p.History[^1].Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(p.Documents, d => d.Kind == DocumentKind.ExtensionNotice);
    }

    [Fact]
    public void An_extension_beyond_thirty_days_is_refused_when_asked()
    {
        // 条例 Art. 34: in total at most 30 days.
        var s = Scenario.InState(PetitionState.Handling).Advance();

        Assert.Throws<DomainRuleViolation>(() => s.Petition.RequestExtension(31, "案情复杂", s.UnitOfficer, s.Now));
        Assert.False(s.Petition.ExtensionPending);
    }
}
