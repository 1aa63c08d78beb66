using Xinfang.Web.Common;
using Xinfang.Web.Intake;
using Xinfang.Web.Organizations;
using Xinfang.Web.Review;

namespace Xinfang.Web.Casework;

/// <summary>Registers and maps the petition use cases: intake, casework, review and the petitioner's portal.</summary>
public static class CaseworkModule
{
    public static WebApplicationBuilder AddCasework(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<SecretKeys>();
        s.AddScoped<PetitionNumbers>();
        s.AddScoped<PetitionStore>();
        // Lookups use a held item while its stored version is unchanged; every save moves the version (ADR 0179).
        s.AddSingleton<PetitionReadCache>();
        s.AddSingleton<PetitionVersionRule>();
        s.ConfigureDbContext<Data.SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<PetitionVersionRule>()));
        s.ConfigureDbContext<Data.PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<PetitionVersionRule>()));
        s.AddScoped<RegisterPetition>();
        s.AddScoped<ForwardPetition>();
        s.AddScoped<AssignPetition>();
        s.AddScoped<GuideToPoliticalLegal>();
        s.AddScoped<AnswerDirectly>();
        s.AddScoped<DeclinePetition>();
        s.AddScoped<ReportUp>();
        s.AddScoped<NotifyReceipt>();
        s.AddScoped<ObjectToForward>();
        s.AddScoped<AcceptPetition>();
        s.AddScoped<RecordReceipt>();
        s.AddScoped<ChooseRoute>();
        s.AddScoped<ExtendDeadline>();
        s.AddScoped<DecidePetition>();
        s.AddScoped<ServeDecision>();
        s.AddScoped<ReportCompletion>();
        s.AddScoped<RecordRating>();
        s.AddScoped<ClosePetition>();
        s.AddScoped<RecordRecusal>();
        s.AddScoped<PetitionPageActions>();
        s.AddScoped<GetPetition>();
        s.AddScoped<WorkList>();
        s.AddScoped<SearchPetitions>();
        s.AddScoped<RequestReview>();
        s.AddScoped<IssueReviewOpinion>();
        s.AddScoped<RecordHearing>();
        s.AddScoped<RecordResolutionAfterClosing>(); // stats-reviews
        s.AddScoped<ListOrganizations>();
        WorkflowActions.Add(s); // wb-workflow (issue 13): correct/void, draft → 签发, extension asked → approved
        return builder;
    }

    public static void MapCasework(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        WorkList.Map(api.MapGroup("").WithTags("待办"));
        ListOrganizations.Map(api);

        // Every POST to one item (/{id}/…) is an action: 200 with the item, 403, 404, 409 (Common/ApiContract.cs).
        var petitions = api.MapGroup("/petitions").WithTags("信访件").DescribePetitionActions();
        RegisterPetition.Map(petitions);
        GetPetition.Map(petitions);
        SearchPetitions.Map(petitions);
        ForwardPetition.Map(petitions);
        AssignPetition.Map(petitions);
        GuideToPoliticalLegal.Map(petitions);
        AnswerDirectly.Map(petitions);
        DeclinePetition.Map(petitions);
        ReportUp.Map(petitions);
        NotifyReceipt.Map(petitions);
        ObjectToForward.Map(petitions);
        AcceptPetition.Map(petitions);
        RecordReceipt.Map(petitions);
        ChooseRoute.Map(petitions);
        ExtendDeadline.Map(petitions);
        DecidePetition.Map(petitions);
        ServeDecision.Map(petitions);
        ReportCompletion.Map(petitions);
        RecordRating.Map(petitions);
        ClosePetition.Map(petitions);
        RecordRecusal.Map(petitions);
        RequestReview.Map(petitions);
        IssueReviewOpinion.Map(petitions);
        RecordHearing.Map(petitions);
        RecordResolutionAfterClosing.Map(petitions); // stats-reviews
        WorkflowActions.Map(petitions); // wb-workflow (issue 13)

    }
}
