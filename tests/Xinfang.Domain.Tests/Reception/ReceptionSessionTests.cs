using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;

namespace Xinfang.Domain.Tests.Reception;

public sealed class ReceptionSessionTests
{
    private static readonly Guid Body = Guid.NewGuid();
    private static readonly Actor Registrar = new("u-registrar", "王登记", Body);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static ReceptionSession Planned(DateTimeOffset? startsAt = null, ReceptionKind kind = ReceptionKind.Public) =>
        ReceptionSession.Plan(Guid.NewGuid(), Body, " 张明 ", "区长", "区信访局接待大厅", startsAt ?? Now.AddDays(2), kind, "征地拆迁", Registrar, Now);

    [Fact]
    public void Every_kind_has_its_Chinese_name_from_one_table()
    {
        Assert.Equal(["定期接访", "下访", "重点约访", "专题接访", "公开接访", "联合接访中心"], ReceptionKinds.All.Select(ReceptionKinds.NameOf));
    }

    [Fact]
    public void A_plan_keeps_the_leader_place_time_and_kind_trimmed()
    {
        var s = Planned();
        Assert.Equal("张明", s.LeaderName);
        Assert.Equal(ReceptionStatus.Planned, s.Status);
        Assert.Equal(Now.AddDays(2), s.StartsAt);
        Assert.Equal(Now, s.PlannedAt);
        Assert.Equal("公开接访", ReceptionKinds.NameOf(s.Kind));
    }

    [Theory]
    [InlineData("", "区长", "大厅", "leaderName")]
    [InlineData("张明", " ", "大厅", "leaderPost")]
    [InlineData("张明", "区长", "", "place")]
    public void A_plan_without_leader_post_or_place_is_refused_naming_the_field(string name, string post, string place, string field)
    {
        var e = Assert.Throws<DomainRuleViolation>(() => ReceptionSession.Plan(Guid.NewGuid(), Body, name, post, place, Now, ReceptionKind.Regular, null, Registrar, Now));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        var e = Assert.Throws<DomainRuleViolation>(() => ReceptionSession.Plan(Guid.NewGuid(), Body, "张明", "区长", "大厅", Now, (ReceptionKind)99, null, Registrar, Now));
        Assert.Equal("kind", e.Field);
    }

    [Fact]
    public void A_time_more_than_a_year_away_is_refused()
    {
        var e = Assert.Throws<DomainRuleViolation>(() => Planned(Now.AddYears(2)));
        Assert.Equal("startsAt", e.Field);
    }

    [Fact]
    public void A_session_in_the_future_cannot_be_marked_held_or_receive_visitors()
    {
        var s = Planned(Now.AddDays(1));
        Assert.Equal("not-yet", Assert.Throws<DomainRuleViolation>(() => s.MarkHeld(Registrar, Now)).Code);
        Assert.Equal("not-yet", Assert.Throws<DomainRuleViolation>(() => s.Receive(Guid.NewGuid(), Registrar, Now)).Code);
        Assert.Equal(ReceptionStatus.Planned, s.Status);
    }

    [Fact]
    public void Marked_held_on_its_day_once_with_the_leader_in_the_attendance()
    {
        var s = Planned(Now.AddHours(-1));
        s.MarkHeld(Registrar, Now);
        Assert.Equal(ReceptionStatus.Held, s.Status);
        Assert.Equal("王登记", s.HeldBy);
        Assert.Equal(new ReceptionAttendee("张明", "区长"), Assert.Single(s.Attendees));
        Assert.Equal("already-held", Assert.Throws<DomainRuleViolation>(() => s.MarkHeld(Registrar, Now)).Code);
    }

    [Fact]
    public void Attendance_puts_the_leader_first_and_keeps_lawyers_and_officials()
    {
        var s = Planned();
        s.RecordAttendance([new ReceptionAttendee("李律师", "律师"), new ReceptionAttendee(" 赵干部 ", "区信访局")], Registrar);
        Assert.Equal(["张明", "李律师", "赵干部"], s.Attendees.Select(a => a.Name));
        var e = Assert.Throws<DomainRuleViolation>(() => s.RecordAttendance([new ReceptionAttendee("李律师", "")], Registrar));
        Assert.Equal("attendees[0].role", e.Field);
        Assert.Equal(3, s.Attendees.Count); // refused: the earlier attendance stands
    }

    [Fact]
    public void Receiving_a_visitor_shows_the_session_took_place()
    {
        var s = Planned(Now.AddHours(-2));
        var petition = Guid.NewGuid();
        var link = s.Receive(petition, Registrar, Now);
        Assert.Equal(ReceptionStatus.Held, s.Status);
        Assert.Equal((s.Id, petition), (link.SessionId, link.PetitionId));
    }

    [Fact]
    public void Batches_are_items_and_persons_their_head_counts()
    {
        // 临汾-style: a collective visit of 30 is one 批 and 30 人次; a lone visitor one and one.
        var counted = ReceptionCounting.Count([30, 1, 2, 0]);
        Assert.Equal(4, counted.Batches);
        Assert.Equal(34, counted.Persons);
    }
}
