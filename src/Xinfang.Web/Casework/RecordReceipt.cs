using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>
/// 登记收到: the unit records the day a forwarded or assigned item reached it (on paper, by post).
/// 条例 Art. 23 ¶3 counts the 15-day notice and the 5-working-day objection from that day, so the
/// unit's clocks start again from it.
/// </summary>
public sealed class RecordReceipt(PetitionStore store)
{
    /// <summary>The day of receipt; omitted, today.</summary>
    public sealed record Request(DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request? r, CancellationToken ct) => (await RecordAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both record the receipt here.</summary>
    public async Task<ActOutcome> RecordAsync(Guid id, Request? r, CancellationToken ct)
    {
        var errors = new RequestErrors().OccurredOn(r?.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.RecordReceipt, (p, actor, now) => p.RecordReceipt(actor, now, r?.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/receipt", (Guid id, Request? r, RecordReceipt uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("登记收到（责任单位收到转送、交办件的日期；条例第二十三条第三款）");
}
