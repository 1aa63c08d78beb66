using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Xinfang.Web.Documents;

/// <summary>
/// Official documents as PDF (issue 13, ADR 0100): the ten notices and opinions of an item in the
/// GB/T 9704 layout with an embedded CJK font, each with a 文号 counted per body, year and kind.
/// Settings: <c>Xinfang:Documents:FontPath</c>, <c>:FontFace</c>, <c>:DateStyle</c> (docs/documents.md).
/// </summary>
public static class DocumentsModule
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DocumentFont>();
        builder.Services.AddSingleton<DocumentRenderer>();
        builder.Services.AddSingleton<DocumentNumbers>();
        builder.Services.AddScoped<OfficialDocuments>();
        builder.Services.AddScoped<PetitionDocumentPdf>();
        builder.Services.AddScoped<DocumentNumberPrefixes>();
        builder.Services.AddHealthChecks().AddCheck<DocumentFontHealth>("documents-font");
        return builder;
    }

    public static void MapDocuments(this IEndpointRouteBuilder app)
    {
        // Load the font at start, so a missing font is in the start-up log, not found by the first clerk who prints.
        _ = app.ServiceProvider.GetRequiredService<DocumentFont>();
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        PetitionDocumentPdf.Map(api.MapGroup("/petitions").WithTags("文书"));
        DocumentNumberPrefixes.Map(api.MapGroup("/documents").WithTags("文书"));
    }

    /// <summary>Degraded (still 200 on /health) when documents fall back to the unembedded writer, with the reason in Chinese.</summary>
    private sealed class DocumentFontHealth(DocumentFont font) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(font.Available
                ? HealthCheckResult.Healthy($"公文字体：{font.Path}")
                : HealthCheckResult.Degraded($"{font.Problem}；公文以备用格式输出"));
    }
}
