using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Evaluation;

/// <summary>
/// The one way a rating is taken, whether the petitioner rates on /track or staff record a rating
/// given on paper or the phone: the domain checks it (window, 不参评, once per body), and each 不满意
/// opens a 回访 for the body rated, saved with the rating.
/// </summary>
public sealed class Ratings(AppDbContext db)
{
    public void Rate(Petition petition, Satisfaction? bureau, string? bureauReason, Satisfaction? unit, string? unitReason, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        petition.Rate(bureau, bureauReason, unit, unitReason, actor, now, occurredOn);
        db.AddRange(ReturnVisit.OpenAfterRating(petition, bureau, unit, now));
    }
}
