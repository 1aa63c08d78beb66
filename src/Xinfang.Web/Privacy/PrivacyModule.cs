using Microsoft.EntityFrameworkCore.Infrastructure;
using Xinfang.Web.Data;

namespace Xinfang.Web.Privacy;

/// <summary>
/// Personal data at rest (issue 4, ADR 0040, 0041, 0043): the key ring and AES-GCM protector the
/// petitioners' value converters use, the one blind-index service (also used by TextAnalysis), the
/// interceptor that fills the blind-index columns, the audited reveal endpoint and the re-encryption.
/// Config: <c>Xinfang:Keys:PersonalData:Current</c>, <c>Xinfang:Keys:PersonalData:Keys:{id}</c>,
/// <c>Xinfang:Keys:BlindIndex</c> (docs/security.md).
/// </summary>
public static class PrivacyModule
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<PersonalDataProtector>();
        s.AddSingleton<BlindIndex>();
        s.AddSingleton<BlindIndexInterceptor>();
        s.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o
            .AddInterceptors(sp.GetRequiredService<BlindIndexInterceptor>())
            .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        s.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o
            .AddInterceptors(sp.GetRequiredService<BlindIndexInterceptor>())
            .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        s.AddScoped<RevealPersonalData>();
        s.AddScoped<ReencryptPersonalData>();
        return builder;
    }

    public static void MapPrivacy(this IEndpointRouteBuilder app) =>
        RevealPersonalData.Map(app.MapGroup("/api/petitions").RequireAuthorization().DisableAntiforgery().WithTags("信访件"));
}
