using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Common;

/// <summary>
/// The one range a date typed into any request must lie in: from 2000-01-01 to 2099-12-31, the span
/// the working-day calendars (<c>/api/admin/calendars/{year}</c>) can be loaded for. A date outside it
/// (<c>9999-12-31</c>, <c>0001-01-01</c>) is no day any clock can be counted on; it is refused with a
/// 400 naming the field before it reaches date arithmetic (which would overflow into a 500) or the
/// domain. Every request date goes through <see cref="RequestDates.Date(RequestErrors, DateOnly?, string, string)"/>.
/// </summary>
public static class DateInput
{
    public const int FirstYear = 2000;

    public const int LastYear = 2099;

    public static DateOnly Earliest { get; } = new(FirstYear, 1, 1);

    public static DateOnly Latest { get; } = new(LastYear, 12, 31);

    public static bool Contains(DateOnly day) => day >= Earliest && day <= Latest;

    public static bool Contains(DateTimeOffset instant) =>
        instant >= new DateTimeOffset(Earliest.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset)
        && instant <= DeadlineTime.EndOfDay(Latest);

    public static string OutOfRange(string label) => $"{label}应在{Earliest:yyyy-MM-dd}至{Latest:yyyy-MM-dd}之间";
}

/// <summary>The date checks of <see cref="RequestErrors"/>.</summary>
public static class RequestDates
{
    /// <summary>A typed date: refused (naming <paramref name="field"/>) outside <see cref="DateInput"/>'s range.</summary>
    public static RequestErrors Date(this RequestErrors errors, DateOnly? value, string field, string label)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return value is { } d && !DateInput.Contains(d) ? errors.Add(field, DateInput.OutOfRange(label)) : errors;
    }

    /// <summary>A typed instant (e.g. registration's <c>receivedAt</c>), bounded like a date.</summary>
    public static RequestErrors Date(this RequestErrors errors, DateTimeOffset? value, string field, string label)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return value is { } d && !DateInput.Contains(d) ? errors.Add(field, DateInput.OutOfRange(label)) : errors;
    }

    /// <summary>
    /// The <c>occurredOn</c> of an action (发生日期: the day it happened outside the system), in range.
    /// Its bounds against today and the item's previous step are the domain's (<see cref="EffectiveDate"/>).
    /// </summary>
    public static RequestErrors OccurredOn(this RequestErrors errors, DateOnly? occurredOn) =>
        errors.Date(occurredOn, EffectiveDate.Field, "发生日期");

    /// <summary>
    /// An older date field kept as an alias of <c>occurredOn</c> (e.g. <c>servedOn</c>): either may be
    /// given, both only with the same day. Returns the day and the field to name in the domain's answer.
    /// </summary>
    public static (DateOnly? Day, string Field) OccurredOn(this RequestErrors errors, DateOnly? occurredOn, DateOnly? alias, string aliasField, string aliasLabel)
    {
        errors.OccurredOn(occurredOn).Date(alias, aliasField, aliasLabel);
        if (occurredOn is { } a && alias is { } b && a != b)
        {
            errors.Add(EffectiveDate.Field, $"发生日期与{aliasLabel}（{aliasField}）不一致，请只填写一个");
        }

        return occurredOn is not null ? (occurredOn, EffectiveDate.Field) : (alias, alias is null ? EffectiveDate.Field : aliasField);
    }
}
