using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Evaluation;

namespace Xinfang.Web.Evaluation;

/// <summary>
/// Satisfaction evaluation (domain.md §8): the one way a rating is taken (<see cref="Ratings"/>), and the
/// 回访 a 不满意 opens for the body rated, listed for that body and closed with its result.
/// </summary>
public static class EvaluationModule
{
    public static WebApplicationBuilder AddEvaluation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Ratings>();
        builder.Services.AddScoped<ReturnVisits>();
        return builder;
    }

    public static void MapEvaluation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery().WithTags("满意度评价与回访");
        ReturnVisits.Map(api);
    }

    /// <summary>The return_visits table, configured from <c>AppDbContext.OnModelCreating</c>.</summary>
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ReturnVisit>(v =>
        {
            v.ToTable("return_visits");
            v.HasKey(x => x.Id);
            v.Property(x => x.Id).ValueGeneratedNever();
            v.Property(x => x.Version).IsConcurrencyToken();
            v.Property(x => x.PetitionNumber).HasMaxLength(48);
            v.Property(x => x.RatedBody).HasConversion<string>().HasMaxLength(16);
            v.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
            v.Property(x => x.DissatisfiedReason).HasMaxLength(ReturnVisit.MaxTextLength);
            v.Property(x => x.VisitedBy).HasMaxLength(200);
            v.Property(x => x.Result).HasMaxLength(ReturnVisit.MaxTextLength);
            v.Property(x => x.PetitionerView).HasMaxLength(ReturnVisit.MaxTextLength);
            v.Property(x => x.RecordedById).HasMaxLength(64);
            v.Property(x => x.RecordedByName).HasMaxLength(100);
            v.Ignore(x => x.IsOpen);
            // A body's open visits, oldest first; a petition's visits on its page.
            v.HasIndex(x => new { x.OrganizationId, x.VisitedOn, x.OpenedOn });
            v.HasIndex(x => x.PetitionId);
        });
}
