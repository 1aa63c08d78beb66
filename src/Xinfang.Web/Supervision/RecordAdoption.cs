using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>条例 Art. 40 ¶4: the addressee reports in writing whether it adopted a recommendation; entered by the addressee or by the issuing bureau.</summary>
public sealed class RecordAdoption(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock)
{
    public sealed record Request(Adoption? Adoption, string? Feedback, DateOnly? ReceivedOn);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Adoption, "adoption", "采纳情况")
            .Text(r.Feedback, "feedback", "书面反馈", Recommendation.MaxTextLength)
            .Date(r.ReceivedOn, "receivedOn", "收到反馈日期");
        if (errors.Any)
        {
            return errors.Problem();
        }

        var recommendation = await db.Set<Recommendation>().SingleOrDefaultAsync(x => x.Id == id, ct);
        var org = staff.OrganizationId;
        // A recommendation about an item the caller may not see (Art. 28, Art. 30 ¶3) is unknown to them.
        if (recommendation is null || org != recommendation.IssuedByOrganizationId && org != recommendation.AddressedToOrganizationId
            || recommendation.PetitionId is { } item && !await guard.Petitions.AnyAsync(p => p.Id == item, ct))
        {
            return Answers.NotFound("建议");
        }

        var now = clock.GetUtcNow();
        recommendation.RecordAdoption(r.Adoption!.Value, r.Feedback!, r.ReceivedOn ?? DeadlineTime.LocalDate(now), staff.Actor, now);
        await db.SaveChangesAsync(ct);
        var names = await OrganizationNames.LoadAsync(db, [recommendation.AddressedToOrganizationId], ct);
        return TypedResults.Ok(RecommendationView.From(recommendation, DeadlineTime.LocalDate(now), names));
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/recommendations/{id:guid}/adoption", (Guid id, Request r, RecordAdoption uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("登记建议的书面反馈采纳情况（条例第四十条第四款）").Produces<RecommendationView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
