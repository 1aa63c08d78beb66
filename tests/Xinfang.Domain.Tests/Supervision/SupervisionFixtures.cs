using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;

namespace Xinfang.Domain.Tests.Supervision;

internal static class SupervisionFixtures
{
    public static readonly Guid Bureau = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    public static readonly Guid Unit = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Actor Supervisor = new("u-sup", "李督办", Bureau);
    public static readonly Actor UnitOfficer = new("u-unit", "张承办", Unit);

    /// <summary>2026-03-10 09:00 Beijing time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public static SupervisedItem Item(DecisionOutcome? outcome = null, bool overdue = false, PetitionState state = PetitionState.Handling) =>
        new(Guid.Parse("00000000-0000-0000-0000-00000000c0de"), "330106XFJ-2026-000001", state, outcome, overdue);

    public static SupervisionNotice Notice(SupervisionReason reason = SupervisionReason.Delay, SupervisedItem? item = null, DeadlinePolicy? policy = null) =>
        SupervisionNotice.Issue(Guid.NewGuid(), item ?? Item(), reason, "办理拖延，请加快办理", Unit, Supervisor, policy ?? DeadlinePolicy.National, WorkingCalendar.MondayToFriday, Now);

    public static DateTimeOffset On(string date, int hour = 9) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    public static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
}
