using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>A lost 查询码 re-issued (domain.md §8), and the first legal time limit the 登记回执 states (条例 Arts. 22, 23 ¶2).</summary>
public sealed class QueryCodeReissueTests
{
    [Fact]
    public void A_re_issue_replaces_the_hash_and_is_a_staff_only_history_step_naming_the_document_shown()
    {
        var s = Scenario.New().Register().Forward();
        var state = s.Petition.State;
        var version = s.Petition.Version;

        s.Petition.ReissueQueryCode("new-hash", new IdentityCheck(IdDocumentType.Passport, true), s.Registrar, s.Now);

        Assert.Equal("new-hash", s.Petition.QueryCodeHash);
        Assert.Equal(state, s.Petition.State);
        Assert.True(s.Petition.Version > version);
        var entry = s.Petition.History[^1];
        Assert.Equal(Petition.QueryCodeReissuedAction, entry.Action);
        Assert.Equal(Audience.Staff, entry.Audience);
        Assert.Contains("查验护照，核对与登记信息一致", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ViewForPetitioner.Of(s.Petition).Steps, step => step.Sequence == entry.Sequence);
    }

    [Fact]
    public void Without_a_confirmed_check_or_on_an_anonymous_item_nothing_changes()
    {
        var s = Scenario.New().Register();
        var unconfirmed = Assert.Throws<DomainRuleViolation>(() =>
            s.Petition.ReissueQueryCode("new-hash", new IdentityCheck(IdDocumentType.ResidentIdCard, false), s.Registrar, s.Now));
        Assert.Equal("identity-not-confirmed", unconfirmed.Code);
        Assert.Throws<DomainRuleViolation>(() =>
            s.Petition.ReissueQueryCode("query-code-hash", new IdentityCheck(IdDocumentType.ResidentIdCard, true), s.Registrar, s.Now));
        Assert.Equal("query-code-hash", s.Petition.QueryCodeHash);

        var anonymous = Scenario.New();
        anonymous.Register(anonymous.Letter() with { Anonymous = true, Petitioners = [], Category = PetitionCategory.Suggestion });
        var refused = Assert.Throws<DomainRuleViolation>(() =>
            anonymous.Petition.ReissueQueryCode("new-hash", new IdentityCheck(IdDocumentType.ResidentIdCard, true), anonymous.Registrar, anonymous.Now));
        Assert.Equal("anonymous-no-identity", refused.Code);
    }

    [Fact]
    public void At_a_bureau_the_receipt_states_Art_22_and_the_due_day_of_the_items_own_clock()
    {
        var s = Scenario.New().Register();

        var first = RegistrationReceipt.FirstStep(s.Petition);

        Assert.NotNull(first);
        Assert.Contains("第二十二条", first.Article, StringComparison.Ordinal);
        var clock = s.Petition.Deadlines.Single(d => d.Kind == DeadlineKind.BureauDisposition);
        Assert.Equal(clock.DueOn, first.DueOn);
        Assert.Equal("15日", first.Period.ToString());
        Assert.Equal(new DateOnly(2026, 3, 25), first.DueOn); // received Tuesday 2026-03-10, 15 days (条例 Art. 22)
    }

    [Fact]
    public void At_a_unit_receiving_directly_it_states_Art_23_and_nothing_when_the_name_or_address_is_unclear()
    {
        var unit = Scenario.New();
        unit.Register(at: unit.Unit);
        var first = RegistrationReceipt.FirstStep(unit.Petition);
        Assert.NotNull(first);
        Assert.Contains("第二十三条第二款", first.Article, StringComparison.Ordinal);

        var unclear = Scenario.New();
        unclear.Register(unclear.Letter() with { Petitioners = [new PetitionerInfo("某人", IdDocumentType.ResidentIdCard, null, null, null, null, false)] }, at: unclear.Unit);
        Assert.Null(RegistrationReceipt.FirstStep(unclear.Petition));
    }
}
