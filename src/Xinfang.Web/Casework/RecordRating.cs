using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 满意度评价 recorded by staff (e.g. given on the phone or at a return visit); the petitioner rates
/// online through the portal with the query code. The bureau and the unit are rated separately.
/// </summary>
public sealed class RecordRating(PetitionStore store, Evaluation.Ratings ratings)
{
    public sealed record Request(Satisfaction? Bureau, string? BureauReason, Satisfaction? Unit, string? UnitReason, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = Validate(r);
        return errors.Any
            ? errors.Problem()
            : await store.ActAsync(id, PetitionAction.Rate, (p, actor, now) => ratings.Rate(p, r.Bureau, r.BureauReason, r.Unit, r.UnitReason, actor, now, r.OccurredOn), ct);
    }

    public static RequestErrors Validate(Request r)
    {
        var errors = new RequestErrors()
            .Text(r.BureauReason, "bureauReason", "评价理由", 1000, required: r.Bureau == Satisfaction.Dissatisfied)
            .Text(r.UnitReason, "unitReason", "评价理由", 1000, required: r.Unit == Satisfaction.Dissatisfied)
            .OccurredOn(r.OccurredOn);
        if (r.Bureau is null && r.Unit is null)
        {
            errors.Add("bureau", "请至少评价一项");
        }

        if (r.Bureau is { } b && !Enum.IsDefined(b))
        {
            errors.Add("bureau", "评价等级无效");
        }

        if (r.Unit is { } u && !Enum.IsDefined(u))
        {
            errors.Add("unit", "评价等级无效");
        }

        return errors;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/rating", (Guid id, Request r, RecordRating uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("录入满意度评价");
}
