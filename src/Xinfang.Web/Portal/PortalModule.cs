namespace Xinfang.Web.Portal;

/// <summary>
/// The public portal (issue 11): what a petitioner does without visiting anyone — petition online,
/// follow the item with its number and query code, read the documents addressed to them, rate, ask
/// for 复查/复核. Every page here is anonymous; the number and the query code are the only key.
/// Page texts live in resource files beside each page (<c>X.razor</c> → <c>X.resx</c>, zh-CN neutral),
/// so a second language can follow.
/// </summary>
public static class PortalModule
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddScoped<PetitionerKey>();
        builder.Services.AddScoped<TrackPetition>();
        builder.Services.AddScoped<SubmitPetition>();
        builder.Services.AddSingleton<SubmissionChallenge>();
        builder.Services.AddScoped<ReceiptPdf>();
        builder.Services.AddScoped<ReissueQueryCode>();
        return builder;
    }

    public static void MapPortal(this IEndpointRouteBuilder app)
    {
        TrackPetition.Map(app);
        var submission = app.MapGroup("/api/public").AllowAnonymous().WithTags("网上信访").DisableAntiforgery();
        var attachments = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Attachments.AttachmentOptions>>().Value;
        SubmitPetition.Map(submission, (SubmitPetition.MaxAttachments * attachments.MaxBytes * 4 / 3) + (256 * 1024));
        ReceiptPdf.Map(app);
        ReissueQueryCode.Map(app);
    }
}
