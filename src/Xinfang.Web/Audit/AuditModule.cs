using Xinfang.Web.Data;

namespace Xinfang.Web.Audit;

/// <summary>
/// The tamper-evident audit trail (issue 4, ADR 0042): the append service, the interceptor that
/// audits every new history entry in the same transaction, the verifier, and the administrators'
/// API (<c>/api/admin/audit</c>) and page (<c>/admin/audit</c>).
/// </summary>
public static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<AuditLog>();
        s.AddSingleton<AuditInterceptor>();
        s.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        s.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        s.AddScoped<AuditVerifier>();
        s.AddScoped<AuditAdmin>();
        return builder;
    }

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        AuditAdmin.Map(app.MapGroup("/api/admin/audit").RequireAuthorization().DisableAntiforgery().WithTags("审计"));
}
