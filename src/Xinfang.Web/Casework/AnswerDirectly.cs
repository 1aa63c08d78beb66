using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>直接答复 by the bureau [P]: the written answer is then served like any reply.</summary>
public sealed class AnswerDirectly(PetitionStore store)
{
    public sealed record Request(string? Answer, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await AnswerAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> AnswerAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Answer, "answer", "答复内容", Petition.MaxNoteLength).OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.AnswerDirectly, (p, actor, now) => p.AnswerDirectly(r.Answer!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/answer", (Guid id, Request r, AnswerDirectly uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("直接答复");
}
