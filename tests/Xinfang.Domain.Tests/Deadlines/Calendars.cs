using System.Globalization;
using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>The real schedule files of the repository, and a date shorthand for tables.</summary>
internal static class Calendars
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "Xinfang.Web", "Deadlines", "Calendars");
            }
        }

        throw new InvalidOperationException("Xinfang.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string FolderPath => Folder.Value;

    public static HolidaySchedule Load(int year) =>
        HolidaySchedule.Parse(year, File.ReadAllText(Path.Combine(Folder.Value, $"{year}.txt")));

    /// <summary>2025 and 2026, as shipped.</summary>
    public static WorkingCalendar Official { get; } = new([Load(2025), Load(2026)]);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
