using System.Globalization;
using System.Text;
using CsCheck;
using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>Properties over random start days, periods and random holiday schedules (CsCheck).</summary>
public sealed class DeadlinePropertyTests
{
    private static readonly DateOnly First = new(2025, 1, 1);

    /// <summary>A random calendar for 2025–2028, with the sets it was built from for brute-force checks.</summary>
    internal sealed record RandomCalendar(WorkingCalendar Calendar, HashSet<DateOnly> Rest, HashSet<DateOnly> MakeUp, Dictionary<int, string> Texts)
    {
        public bool IsWorkingDayBruteForce(DateOnly day) =>
            MakeUp.Contains(day) || (!Rest.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        /// <summary>The same calendar with one more day off (a new schedule if the year was not loaded).</summary>
        public WorkingCalendar WithExtraRestDay(DateOnly day)
        {
            var text = Texts.TryGetValue(day.Year, out var existing) ? existing : string.Empty;
            var schedule = HolidaySchedule.Parse(day.Year, text + string.Create(CultureInfo.InvariantCulture, $"休 {day:yyyy-MM-dd}\n"));
            return Calendar.With(schedule);
        }

        public override string ToString() => string.Join(" | ", Texts.Select(t => $"{t.Key}: {t.Value.ReplaceLineEndings(";")}"));
    }

    private static readonly Gen<RandomCalendar> GenCalendar =
        Gen.Select(Gen.Bool, Gen.Int[0, 364].Array[1, 60], Gen.Int[0, 364].Array[0, 40])
            .Array[4]
            .Select(years =>
            {
                var rest = new HashSet<DateOnly>();
                var makeUp = new HashSet<DateOnly>();
                var texts = new Dictionary<int, string>();
                for (var i = 0; i < years.Length; i++)
                {
                    var (loaded, restDays, workDays) = years[i];
                    if (!loaded)
                    {
                        continue;
                    }

                    var year = 2025 + i;
                    var start = new DateOnly(year, 1, 1);
                    var text = new StringBuilder();
                    foreach (var day in restDays.Distinct().Select(start.AddDays))
                    {
                        rest.Add(day);
                        text.Append(CultureInfo.InvariantCulture, $"休 {day:yyyy-MM-dd}\n");
                    }

                    foreach (var day in workDays.Distinct().Select(start.AddDays)
                                 .Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !rest.Contains(d)))
                    {
                        makeUp.Add(day);
                        text.Append(CultureInfo.InvariantCulture, $"班 {day:yyyy-MM-dd}\n");
                    }

                    texts[year] = text.ToString();
                }

                var calendar = new WorkingCalendar(texts.Select(t => HolidaySchedule.Parse(t.Key, t.Value)));
                return new RandomCalendar(calendar, rest, makeUp, texts);
            });

    private static readonly Gen<DateOnly> GenDate = Gen.Int[0, 3 * 365].Select(First.AddDays);

    private static readonly Gen<Period> GenPeriod =
        Gen.Select(Gen.Int[0, 60], Gen.Bool, (n, working) => working ? Period.WorkingDays(n) : Period.Days(n));

    [Fact]
    public void A_due_date_is_never_before_its_start() =>
        Gen.Select(GenCalendar, GenDate, GenPeriod, Gen.Bool).Sample((c, start, period, roll) =>
            DeadlineArithmetic.Add(start, period, c.Calendar, roll).Date >= start);

    [Fact]
    public void Calendar_days_without_roll_forward_are_exactly_the_length() =>
        Gen.Select(GenCalendar, GenDate, Gen.Int[0, 400]).Sample((c, start, n) =>
            DeadlineArithmetic.Add(start, Period.Days(n), c.Calendar).Date.DayNumber - start.DayNumber == n);

    [Fact]
    public void Working_day_counts_match_a_brute_force_count() =>
        Gen.Select(GenCalendar, GenDate, Gen.Int[1, 60]).Sample((c, start, n) =>
        {
            var due = DeadlineArithmetic.Add(start, Period.WorkingDays(n), c.Calendar).Date;
            var counted = 0;
            for (var day = start.AddDays(1); day <= due; day = day.AddDays(1))
            {
                counted += c.IsWorkingDayBruteForce(day) ? 1 : 0;
            }

            // exactly n working days after the start, the last of them on the due date
            return counted == n && c.IsWorkingDayBruteForce(due);
        });

    [Fact]
    public void Roll_forward_lands_on_a_working_day_and_never_earlier() =>
        Gen.Select(GenCalendar, GenDate, GenPeriod).Sample((c, start, period) =>
        {
            var plain = DeadlineArithmetic.Add(start, period, c.Calendar).Date;
            var rolled = DeadlineArithmetic.Add(start, period, c.Calendar, rollForwardRestDay: true).Date;
            return rolled >= plain && c.IsWorkingDayBruteForce(rolled) && (plain == rolled) == c.IsWorkingDayBruteForce(plain);
        });

    [Fact]
    public void Adding_a_holiday_never_makes_a_deadline_earlier() =>
        Gen.Select(GenCalendar, GenDate, GenPeriod, Gen.Bool, Gen.Int[0, 4 * 365 - 1])
            .Where((c, _, _, _, extra) => !c.Rest.Contains(First.AddDays(extra)) && !c.MakeUp.Contains(First.AddDays(extra)))
            .Sample((c, start, period, roll, extra) =>
            {
                var before = DeadlineArithmetic.Add(start, period, c.Calendar, roll).Date;
                var after = DeadlineArithmetic.Add(start, period, c.WithExtraRestDay(First.AddDays(extra)), roll).Date;
                return after >= before;
            });

    [Fact]
    public void Pauses_never_make_a_deadline_earlier_and_push_a_calendar_period_by_the_paused_days_inside_it() =>
        Gen.Select(GenCalendar, GenDate, Gen.Int[0, 60], Gen.Int[-10, 70], Gen.Int[0, 15]).Sample((c, start, n, offset, length) =>
        {
            var from = start.AddDays(offset);
            var to = from.AddDays(length);
            var due = DeadlineArithmetic.AddWithPauses(start, Period.Days(n), [(from, to)], c.Calendar).Date;
            var pausedInside = 0;
            for (var day = start.AddDays(1); day <= due; day = day.AddDays(1))
            {
                pausedInside += day >= from && day <= to ? 1 : 0;
            }

            return due.DayNumber - start.DayNumber == n + pausedInside && (n == 0 || due < from || due > to);
        });

    [Fact]
    public void A_result_is_provisional_exactly_when_a_working_day_count_touches_an_unloaded_year() =>
        Gen.Select(GenCalendar, GenDate, Gen.Int[1, 60]).Sample((c, start, n) =>
        {
            var due = DeadlineArithmetic.Add(start, Period.WorkingDays(n), c.Calendar);
            var touchesUnloaded = Enumerable.Range(start.AddDays(1).Year, due.Date.Year - start.AddDays(1).Year + 1)
                .Any(year => !c.Texts.ContainsKey(year));
            return due.Provisional == touchesUnloaded;
        });

    [Fact]
    public void Warnings_only_escalate_as_days_pass() =>
        Gen.Select(GenDate, Gen.Int[0, 90], Gen.Int[-5, 100], Gen.Int[0, 100], Gen.Int[0, 10]).Sample((start, length, t, yellow, red) =>
        {
            var due = start.AddDays(length);
            var thresholds = new WarningThresholds(yellow, red);
            var today = start.AddDays(t);
            return DeadlineStatus.Evaluate(start, due, today, thresholds) <= DeadlineStatus.Evaluate(start, due, today.AddDays(1), thresholds);
        });
}
