using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>Registration (条例 Arts. 19–23, 44): everything received is registered.</summary>
public sealed class RegistrationTests
{
    private static readonly DateOnly March10 = new(2026, 3, 10);

    [Fact]
    public void A_letter_received_by_the_bureau_on_10_March_must_be_disposed_of_by_25_March_Art_22()
    {
        var s = Scenario.New().Register();
        var p = s.Petition;

        Assert.Equal(PetitionState.Registered, p.State);
        Assert.Equal(March10, p.ReceivedOn);
        Assert.Equal(0, p.Version);
        var clock = Assert.Single(p.Deadlines);
        Assert.Equal(DeadlineKind.BureauDisposition, clock.Kind);
        Assert.Equal(March10, clock.StartedOn);
        Assert.Equal(new DateOnly(2026, 3, 25), clock.DueOn);
        Assert.Equal("收到 2026-03-10 + 15日 = 2026-03-25", clock.Explanation);
        Assert.Equal(new DateOnly(2026, 3, 25), p.CurrentDueOn);
        Assert.Equal(new DateTime(2026, 3, 25, 15, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), p.CurrentDueAtUtc);

        var entry = Assert.Single(p.History);
        Assert.Equal(1, entry.Sequence);
        Assert.Equal("Register", entry.Action);
        Assert.Null(entry.FromState);
        Assert.Equal(PetitionState.Registered, entry.ToState);
        Assert.Equal("王登记", entry.ActorName);
        Assert.Equal(s.CityBureau.Id, entry.OrganizationId);
        Assert.Equal("登记来信：小区加装电梯补贴未发放", entry.Summary);
        var receipt = Expect.DocumentOf(p, entry, DocumentKind.RegistrationReceipt);
        Assert.True(receipt.AddressedToPetitioner);
        Assert.Contains("2026年3月10日收到并登记", receipt.Body, StringComparison.Ordinal);
        Assert.Contains(p.Number, receipt.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PetitionForm.Letter, "来信")]
    [InlineData(PetitionForm.Visit, "来访")]
    [InlineData(PetitionForm.Phone, "来电")]
    [InlineData(PetitionForm.Online, "网上信访")]
    [InlineData(PetitionForm.Fax, "传真")]
    public void Every_form_is_registered_and_named_in_the_history(PetitionForm form, string name)
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Form = form }).Petition;

        Assert.Equal(form, p.Form);
        Assert.Equal(PetitionState.Registered, p.State);
        Assert.Equal($"登记{name}：小区加装电梯补贴未发放", p.History[0].Summary);
        Assert.Equal(DeadlineKind.BureauDisposition, Assert.Single(p.Deadlines).Kind);
    }

    [Fact]
    public void A_visit_records_its_batches_and_head_count()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Form = PetitionForm.Visit, VisitBatches = 2, HeadCount = 3 }).Petition;

        Assert.Equal(2, p.VisitBatches);
        Assert.Equal(3, p.HeadCount);
    }

    [Theory]
    [InlineData(PetitionForm.Letter)]
    [InlineData(PetitionForm.Phone)]
    public void Only_visits_count_in_batches(PetitionForm form)
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Form = form, VisitBatches = 4 }).Petition;

        Assert.Equal(1, p.VisitBatches);
    }

    [Fact]
    public void A_collective_visit_of_60_people_elects_five_representatives_Art_20_para_3()
    {
        var s = Scenario.New();
        var p = s.Register(CollectiveVisit(s, representatives: 5, headCount: 60)).Petition;

        Assert.True(p.Collective);
        Assert.Equal(60, p.HeadCount);
        Assert.Equal(5, p.Petitioners.Count);
        Assert.Equal([0, 1, 2, 3, 4], p.Petitioners.Select(x => x.Ordinal));
        Assert.Equal("登记来访：小区加装电梯补贴未发放（集体访，60人次）", p.History[0].Summary);
    }

    [Fact]
    public void A_sixth_representative_is_a_data_entry_error_Art_20_para_3()
    {
        var s = Scenario.New();

        var violation = Assert.Throws<DomainRuleViolation>(() => s.Register(CollectiveVisit(s, representatives: 6, headCount: 60)));

        Assert.Equal("too-many-representatives", violation.Code);
        Assert.Contains("第二十条第三款", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jointly_signed_letter_may_carry_more_than_five_names()
    {
        var s = Scenario.New();
        var intake = CollectiveVisit(s, representatives: 8, headCount: 8) with { Form = PetitionForm.Letter, JointSignature = true };

        var p = s.Register(intake).Petition;

        Assert.Equal(8, p.Petitioners.Count);
        Assert.True(p.JointSignature);
    }

    [Fact]
    public void The_flagged_petitioner_is_the_principal()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Petitioners = [Scenario.Zhang, Scenario.Li with { IsPrincipal = true }] }).Petition;

        Assert.Equal(["张三", "李四"], p.Petitioners.Select(x => x.Name));
        Assert.False(p.Petitioners[0].IsPrincipal);
        Assert.True(p.Petitioners[1].IsPrincipal);
    }

    [Fact]
    public void Without_a_flag_the_first_petitioner_is_the_principal()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Petitioners = [Scenario.Zhang, Scenario.Li] }).Petition;

        Assert.Equal([true, false], p.Petitioners.Select(x => x.IsPrincipal));
    }

    [Fact]
    public void Petitioner_contacts_are_stored_normalised()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Petitioners = [Scenario.Li with { IdNumber = " 11010519491231002x ", Phone = "0571-8765 4321" }] }).Petition;

        Assert.Equal("11010519491231002X", p.Petitioners[0].IdNumber);
        Assert.Equal("057187654321", p.Petitioners[0].Phone);
    }

    [Fact]
    public void A_signed_letter_received_directly_by_a_unit_must_be_answered_with_a_notice_within_15_days_Art_23_para_2()
    {
        var s = Scenario.New();
        var p = s.Register(at: s.Unit, registrar: s.UnitOfficer).Petition;

        var clock = Assert.Single(p.Deadlines);
        Assert.Equal(DeadlineKind.NoticeOfReceipt, clock.Kind);
        Assert.Equal(new DateOnly(2026, 3, 25), clock.DueOn);
        Assert.False(p.IdentityUnclear);
    }

    [Fact]
    public void An_anonymous_letter_is_registered_but_starts_no_notice_clock_Art_23_para_2()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Anonymous = true, Petitioners = [] }, at: s.Unit, registrar: s.UnitOfficer).Petition;

        Assert.Equal(PetitionState.Registered, p.State);
        Assert.True(p.Anonymous);
        Assert.True(p.IdentityUnclear);
        Assert.Empty(p.Petitioners);
        Assert.Empty(p.Deadlines);
        Assert.False(p.IsOverdueOn(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void An_anonymous_letter_keeps_no_personal_data_even_if_some_was_typed()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Anonymous = true }).Petition;

        Assert.Empty(p.Petitioners);
    }

    [Fact]
    public void A_letter_without_an_address_starts_no_notice_clock_either_Art_23_para_2()
    {
        var s = Scenario.New();
        var p = s.Register(s.Letter() with { Petitioners = [Scenario.Zhang with { Address = " " }] }, at: s.Unit, registrar: s.UnitOfficer).Petition;

        Assert.True(p.IdentityUnclear);
        Assert.Empty(p.Deadlines);
    }

    [Fact]
    public void An_anonymous_letter_forwarded_to_a_unit_runs_the_objection_clock_but_no_notice_clock()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { Anonymous = true, Petitioners = [] }).Forward();

        Assert.DoesNotContain(s.Petition.Deadlines, d => d.Kind == DeadlineKind.NoticeOfReceipt);
        Assert.Contains(s.Petition.Deadlines, d => d.Kind == DeadlineKind.ForwardObjection && d.IsOpen);
    }

    [Fact]
    public void A_signed_letter_needs_a_petitioner()
    {
        var s = Scenario.New();

        var violation = Assert.Throws<DomainRuleViolation>(() => s.Register(s.Letter() with { Petitioners = [] }));

        Assert.Equal("petitioner-required", violation.Code);
    }

    [Theory]
    [InlineData("", "正文", "title-required")]
    [InlineData("标题", "  ", "content-required")]
    public void An_empty_record_is_malformed(string title, string content, string code)
    {
        var s = Scenario.New();

        var violation = Assert.Throws<DomainRuleViolation>(() => s.Register(s.Letter() with { Title = title, Content = content }));

        Assert.Equal(code, violation.Code);
    }

    [Fact]
    public void A_petition_cannot_be_received_after_it_is_registered()
    {
        var s = Scenario.New();

        var violation = Assert.Throws<DomainRuleViolation>(() => s.Register(s.Letter() with { ReceivedAt = s.Now.AddMinutes(1) }));

        Assert.Equal("received-in-future", violation.Code);
    }

    [Fact]
    public void A_letter_received_just_before_midnight_in_Beijing_is_received_that_day()
    {
        var s = Scenario.New(new DateTimeOffset(2026, 3, 10, 23, 59, 0, TimeSpan.FromHours(8)));
        var intake = s.Letter() with { ReceivedAt = new DateTimeOffset(2026, 3, 10, 15, 59, 0, TimeSpan.Zero) };

        var p = s.Register(intake).Petition;

        Assert.Equal(March10, p.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 25), p.CurrentDueOn);
    }

    private static PetitionIntake CollectiveVisit(Scenario s, int representatives, int headCount) => s.Letter() with
    {
        Form = PetitionForm.Visit,
        Collective = true,
        HeadCount = headCount,
        Petitioners = [.. Enumerable.Range(1, representatives).Select(i => new PetitionerInfo($"代表{i}", Phone: "13812345678", Address: "杭州市西湖区"))],
    };
}
