using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>直接答复 by the bureau [P]: the written answer is then served like any reply.</summary>
public sealed class AnswerDirectly(PetitionStore store)
{
    public sealed record Request(string? Answer);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Answer, "answer", "答复内容", Petition.MaxNoteLength);
        return errors.Any
            ? errors.Problem()
            : await store.ActAsync(id, PetitionAction.AnswerDirectly, (p, actor, now) => p.AnswerDirectly(r.Answer!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/answer", (Guid id, Request r, AnswerDirectly uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("直接答复");
}
