using System.Globalization;
using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>The real schedule files of the repository, and a date shorthand for tables.</summary>
internal static class Calendars
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Xinfang.slnx not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root: the folder holding Xinfang.slnx.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string FolderPath => Path.Combine(Root.Value, "src", "Xinfang.Web", "Deadlines", "Calendars");

    public static HolidaySchedule Load(int year) =>
        HolidaySchedule.Parse(year, File.ReadAllText(Path.Combine(FolderPath, $"{year}.txt")));

    /// <summary>2025 and 2026, as shipped.</summary>
    public static WorkingCalendar Official { get; } = new([Load(2025), Load(2026)]);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
