using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 延期 (条例 Art. 34): approved by the unit head, in total at most the policy's days (30 nationally), and the petitioner is
/// told why. Only a signed-in unit head (or leader) of the holding unit may do it.
/// </summary>
public sealed class ExtendDeadline(PetitionStore store)
{
    public sealed record Request(int? Days, string? Reason, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ExtendAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ExtendAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Reason, "reason", "延期理由", Petition.MaxNoteLength).OccurredOn(r.OccurredOn);
        // Only the shape is checked here. The limit (in total at most DeadlinePolicy.MaxExtensionDays,
        // the item's jurisdiction policy) is the domain's (DeadlineComputation.Extend, 条例 Art. 34): a
        // 409 naming the policy's number — the number the petition page shows.
        if (r.Days is null or < 1)
        {
            errors.Add("days", "延期天数应为正整数（日）");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Extend, (p, actor, now) => p.Extend(r.Days!.Value, actor.Name, r.Reason!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/extend", (Guid id, Request r, ExtendDeadline uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("延期（单位负责人批准）");
}
