using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>释法明理: a litigation-related visitor is guided to the 政法 bodies, not forwarded (条例 Art. 20 ¶2, 22 ¶2).</summary>
public sealed class GuideToPoliticalLegal(PetitionStore store)
{
    public sealed record Request(string? PoliticalLegalBody, string? Explanation, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await GuideAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> GuideAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Text(r.PoliticalLegalBody, "politicalLegalBody", "政法部门", 200)
            .Text(r.Explanation, "explanation", "释法说明", Petition.MaxNoteLength)
            .OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.GuideToPoliticalLegal, (p, actor, now) => p.GuideToPoliticalLegal(r.PoliticalLegalBody!, r.Explanation!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/guide-to-political-legal", (Guid id, Request r, GuideToPoliticalLegal uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("释法引导至政法部门");
}
