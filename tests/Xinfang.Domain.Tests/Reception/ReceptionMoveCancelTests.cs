using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;

namespace Xinfang.Domain.Tests.Reception;

/// <summary>改期 and 取消 of a planned 领导接访 (issue 14): with a reason; never once held or once it received visitors.</summary>
public sealed class ReceptionMoveCancelTests
{
    private static readonly Guid Body = Guid.NewGuid();
    private static readonly Actor Registrar = new("u-registrar", "王登记", Body);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static ReceptionSession Planned(DateTimeOffset? startsAt = null) =>
        ReceptionSession.Plan(Guid.NewGuid(), Body, "张明", "区长", "区信访局接待大厅", startsAt ?? Now.AddDays(2), ReceptionKind.Public, null, Registrar, Now);

    [Fact]
    public void A_move_changes_time_and_place_and_keeps_the_previous_ones()
    {
        var s = Planned();

        s.Move(Now.AddDays(4), " 区政府三楼会议室 ", "区长参加防汛会议", Registrar, Now);

        Assert.Equal(Now.AddDays(4), s.StartsAt);
        Assert.Equal("区政府三楼会议室", s.Place);
        Assert.Equal(Now.AddDays(2), s.PreviousStartsAt);
        Assert.Equal("区信访局接待大厅", s.PreviousPlace);
        Assert.Equal("区长参加防汛会议", s.MoveReason);
        Assert.Equal(ReceptionStatus.Planned, s.Status);
    }

    [Fact]
    public void A_move_without_a_place_keeps_the_place()
    {
        var s = Planned();

        s.Move(Now.AddDays(3), null, "时间调整", Registrar, Now);

        Assert.Equal("区信访局接待大厅", s.Place);
    }

    [Fact]
    public void A_move_needs_a_reason_a_time_ahead_and_a_change()
    {
        var s = Planned();

        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddDays(3), null, " ", Registrar, Now)).Field);
        Assert.Equal("starts-in-past", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddHours(-1), null, "调整", Registrar, Now)).Code);
        Assert.Equal("starts-out-of-range", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddYears(1).AddDays(1), null, "调整", Registrar, Now)).Code);
        Assert.Equal("nothing-changed", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddDays(2), "区信访局接待大厅", "调整", Registrar, Now)).Code);
        Assert.Equal(Now.AddDays(2), s.StartsAt);
        Assert.Null(s.PreviousStartsAt);
    }

    [Fact]
    public void A_cancelled_session_is_marked_and_takes_no_further_step()
    {
        var s = Planned();

        s.Cancel("接访领导临时出差", 0, Registrar, Now);

        Assert.Equal(ReceptionStatus.Cancelled, s.Status);
        Assert.Equal("已取消", ReceptionSession.NameOf(s.Status));
        Assert.Equal("接访领导临时出差", s.CancellationReason);
        Assert.Equal("cancelled", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddDays(3), null, "改期", Registrar, Now)).Code);
        Assert.Equal("cancelled", Assert.Throws<DomainRuleViolation>(() => s.Cancel("再取消", 0, Registrar, Now)).Code);
        Assert.Equal("cancelled", Assert.Throws<DomainRuleViolation>(() => s.MarkHeld(Registrar, Now.AddDays(3))).Code);
        Assert.Equal("cancelled", Assert.Throws<DomainRuleViolation>(() => s.Receive(Guid.NewGuid(), Registrar, Now.AddDays(3))).Code);
        Assert.Equal("cancelled", Assert.Throws<DomainRuleViolation>(() => s.RecordAttendance([], Registrar)).Code);
    }

    [Fact]
    public void A_cancellation_needs_a_reason()
    {
        var s = Planned();

        Assert.Equal("reason", Assert.Throws<DomainRuleViolation>(() => s.Cancel("", 0, Registrar, Now)).Field);
        Assert.Equal(ReceptionStatus.Planned, s.Status);
    }

    [Fact]
    public void A_session_that_received_visitors_is_neither_cancelled_nor_moved()
    {
        var s = Planned(Now.AddHours(-1));
        s.Receive(Guid.NewGuid(), Registrar, Now);

        Assert.Equal("visitors-received", Assert.Throws<DomainRuleViolation>(() => s.Cancel("取消", 1, Registrar, Now)).Code);
        Assert.Equal("already-held", Assert.Throws<DomainRuleViolation>(() => s.Move(Now.AddDays(1), null, "改期", Registrar, Now)).Code);
        Assert.Equal(ReceptionStatus.Held, s.Status);
    }

    [Fact]
    public void A_held_session_without_visitors_is_not_cancelled()
    {
        var s = Planned(Now.AddHours(-1));
        s.MarkHeld(Registrar, Now);

        Assert.Equal("already-held", Assert.Throws<DomainRuleViolation>(() => s.Cancel("取消", 0, Registrar, Now)).Code);
    }
}
