using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;

namespace Xinfang.Web.Casework;

/// <summary>
/// 不予受理 / 不再受理: an item not taken up is still registered, and closed with a written notice
/// naming the rule, the reason and where to go (domain.md §4). The answer is 200 with the notice —
/// a "no" is a recorded outcome, never an error response.
/// </summary>
public sealed class DeclinePetition(PetitionStore store, AppDbContext db, PetitionGuard guard, TimeProvider clock)
{
    /// <param name="Rule">The rule the outcome rests on.</param>
    /// <param name="Reason">Why, in the notice.</param>
    /// <param name="WhereToGo">Where the petitioner may turn, in the notice.</param>
    /// <param name="EarlierItemId">
    /// The 初件 whose 复核 opinion a 不再受理 under Art. 36 ¶3 rests on, when the item is not linked to it
    /// yet (the item's own link, <c>firstItemId</c>, is used otherwise).
    /// </param>
    /// <param name="EarlierItemNumber">The same 初件 by its number (the petition page asks for the number).</param>
    /// <param name="OccurredOn">The day it was decided, when that was before it was entered.</param>
    public sealed record Request(DeclineRule? Rule, string? Reason, string? WhereToGo, Guid? EarlierItemId = null, string? EarlierItemNumber = null, DateOnly? OccurredOn = null);

    public async Task<IResult> DeclineAsync(Guid id, Request r, CancellationToken ct) =>
        (await ActAsync(id, r, PetitionAction.Decline, ct)).ToResult();

    public async Task<IResult> RefuseAgainAsync(Guid id, Request r, CancellationToken ct) =>
        (await ActAsync(id, r, PetitionAction.RefuseAgain, ct)).ToResult();

    /// <summary>
    /// 不予受理 (<see cref="PetitionAction.Decline"/>) or 不再受理 (<see cref="PetitionAction.RefuseAgain"/>):
    /// the API and the petition page (<c>/petitions/{id}</c>) both act here.
    /// </summary>
    public async Task<ActOutcome> ActAsync(Guid id, Request r, PetitionAction action, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Rule, "rule", "依据")
            .Text(r.Reason, "reason", "理由", Petition.MaxNoteLength)
            .Text(r.WhereToGo, "whereToGo", "告知去向", 500)
            .OccurredOn(r.OccurredOn);
        // 条例 Art. 36 ¶3: 不再受理 after 复核 rests on the linked earlier item; the domain checks it was re-reviewed.
        EarlierItem? earlier = null;
        if (r.Rule == DeclineRule.AfterReReview)
        {
            Guid? byNumber = string.IsNullOrWhiteSpace(r.EarlierItemNumber) ? null
                : await guard.PetitionsForRepeatCheck.AsNoTracking().Where(p => p.Number == r.EarlierItemNumber.Trim()).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct) ?? Guid.Empty;
            var linked = r.EarlierItemId ?? byNumber ?? await guard.Petitions.AsNoTracking().Where(p => p.Id == id).Select(p => p.FirstItemId).SingleOrDefaultAsync(ct);
            earlier = linked is { } e ? await RegisterPetition.EarlierAsync(db, guard, e, DeadlineTime.LocalDate(clock.GetUtcNow()), ct) : null;
            if (linked is not null && earlier is null)
            {
                errors.Add("earlierItemId", "初件不存在，请填写已经复核的初件编号");
            }
        }

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        return await store.TryActAsync(id, action, (p, actor, now) =>
        {
            if (action == PetitionAction.Decline)
            {
                p.Decline(r.Rule!.Value, r.Reason!, r.WhereToGo!, actor, now, r.OccurredOn);
            }
            else
            {
                p.RefuseAgain(r.Rule!.Value, r.Reason!, r.WhereToGo!, actor, now, earlier, r.OccurredOn);
            }
        }, ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/decline", (Guid id, Request r, DeclinePetition uc, CancellationToken ct) => uc.DeclineAsync(id, r, ct))
            .WithSummary("不予受理（书面告知理由和去向）");
        group.MapPost("/{id:guid}/refuse-again", (Guid id, Request r, DeclinePetition uc, CancellationToken ct) => uc.RefuseAgainAsync(id, r, ct))
            .WithSummary("不再受理（书面告知理由和去向）");
    }
}
