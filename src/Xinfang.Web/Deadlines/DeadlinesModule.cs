using Microsoft.EntityFrameworkCore.Diagnostics;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Deadlines;

/// <summary>
/// The working-day calendar is data: one file per year of the State Council's holiday schedule in
/// Deadlines/Calendars (a new year is a new file, not code). Every petition loaded from the database
/// gets the calendar and the jurisdiction policy its clocks are computed with.
/// </summary>
public static class DeadlinesModule
{
    public static WebApplicationBuilder AddDeadlines(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => LoadCalendar(Path.Combine(AppContext.BaseDirectory, "Deadlines", "Calendars")));
        builder.Services.AddSingleton(DeadlinePolicy.National);
        builder.Services.AddSingleton<PetitionClockInterceptor>();
        return builder;
    }

    public static WorkingCalendar LoadCalendar(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return WorkingCalendar.MondayToFriday;
        }

        var schedules = Directory.EnumerateFiles(folder, "*.txt")
            .Select(f => (Year: int.TryParse(Path.GetFileNameWithoutExtension(f), out var y) ? y : 0, File: f))
            .Where(x => x.Year > 0)
            .Select(x => HolidaySchedule.Parse(x.Year, File.ReadAllText(x.File)));
        return new WorkingCalendar(schedules);
    }
}

/// <summary>Hands each materialised petition the calendar and policy (they are not stored per item).</summary>
public sealed class PetitionClockInterceptor(WorkingCalendar calendar, DeadlinePolicy policy) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is Petition petition)
        {
            petition.Calendar = calendar;
            petition.Policy = policy;
        }

        return entity;
    }
}
