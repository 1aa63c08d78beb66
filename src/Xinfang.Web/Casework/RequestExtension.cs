using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 申请延期 (条例 Art. 34): the handler asks the unit head for more days, with the reason the petitioner will be
/// told; the clock runs unchanged until the head approves (<see cref="ApproveExtension"/>).
/// </summary>
public sealed class RequestExtension(PetitionStore store)
{
    public sealed record Request(int? Days, string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await RequestAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both ask here.</summary>
    public async Task<ActOutcome> RequestAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "延期理由", Petition.MaxNoteLength);
        // The limit (in total at most the policy's days, 条例 Art. 34) is the domain's: a 409 naming it.
        if (r.Days is null or < 1)
        {
            errors.Add("days", "延期天数应为正整数（日）");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.RequestExtension, (p, actor, now) => p.RequestExtension(r.Days!.Value, r.Reason!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/request-extension", (Guid id, Request r, RequestExtension uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("申请延期（承办人，待单位负责人审批）");
}
