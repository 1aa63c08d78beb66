using Microsoft.Extensions.Options;

namespace Xinfang.Web.Supervision;

/// <summary>
/// Supervision (issue 3, domain.md §6–7): deadline warnings by a background sweeper, 督办 notices with
/// reminders, recommendations and the joint meeting's measures, under <c>/api/supervision</c>.
/// </summary>
public static class SupervisionModule
{
    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<SupervisionOptions>(builder.Configuration.GetSection(SupervisionOptions.Section));
        s.AddSingleton(sp => sp.GetRequiredService<IOptions<SupervisionOptions>>().Value.ToPolicy());
        s.AddSingleton<DeadlineSweeper>();
        var runInBackground = builder.Configuration.GetValue<bool?>($"{SupervisionOptions.Section}:{nameof(SupervisionOptions.RunInBackground)}")
            ?? !builder.Environment.IsEnvironment("Testing");
        if (runInBackground)
        {
            s.AddHostedService<SweeperService>();
        }

        s.AddScoped<NoticeStore>();
        s.AddScoped<SupervisorList>();
        s.AddScoped<IssueSupervisionNotice>();
        s.AddScoped<RemindSupervisionNotice>();
        s.AddScoped<RecordSupervisionFeedback>();
        s.AddScoped<ListSupervisionNotices>();
        s.AddScoped<IssueRecommendation>();
        s.AddScoped<RecordAdoption>();
        s.AddScoped<ListRecommendations>();
        s.AddScoped<RecordJointMeetingMeasure>();
        s.AddScoped<ListJointMeetingMeasures>();
        return builder;
    }

    public static void MapSupervision(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision").RequireAuthorization().DisableAntiforgery().WithTags("督办")
            .ProducesProblem(StatusCodes.Status403Forbidden); // every use case checks SupervisionAccess
        SupervisorList.Map(group);
        IssueSupervisionNotice.Map(group);
        RemindSupervisionNotice.Map(group);
        RecordSupervisionFeedback.Map(group);
        ListSupervisionNotices.Map(group);
        IssueRecommendation.Map(group);
        RecordAdoption.Map(group);
        ListRecommendations.Map(group);
        RecordJointMeetingMeasure.Map(group);
        ListJointMeetingMeasures.Map(group);
    }
}
