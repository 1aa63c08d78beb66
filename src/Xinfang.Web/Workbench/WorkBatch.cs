using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Workbench;

/// <summary>What became of one item in a batch: done, or why not (in Chinese).</summary>
public sealed record BatchItemResult(Guid Id, string? Number, bool Done, string Message);

/// <summary>
/// 批量转送/交办 (issue 13): the same 转送 (条例 Art. 22) or 交办 to the same body for several selected items,
/// each through the one use case the petition page and the API use (<see cref="ForwardPetition"/>,
/// <see cref="AssignPetition"/>): the same checks per item, so an item this body may not act on, or whose
/// state does not allow it, is refused with its reason while the others go through. Nothing is shared
/// between items: each is its own save, and a refused one leaves nothing behind.
/// </summary>
public sealed class WorkBatch(ForwardPetition forward, AssignPetition assign, AppDbContext db, PetitionGuard guard)
{
    public const int MaxItems = 100;

    public sealed record Request(string? Action, IReadOnlyList<Guid>? Ids, Guid? TargetOrganizationId, DateOnly? ReportDueOn, string? Note);

    public async Task<(RequestErrors? Errors, IReadOnlyList<BatchItemResult> Results)> RunAsync(Request r, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (r.Action is not ("forward" or "assign"))
        {
            errors.Add("action", "批量操作应为 forward（转送）或 assign（交办）");
        }

        var ids = (r.Ids ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            errors.Add("ids", "请选择信访件");
        }
        else if (ids.Count > MaxItems)
        {
            errors.Add("ids", $"一次最多处理{MaxItems}件");
        }

        if (errors.Any)
        {
            return (errors, []);
        }

        // Numbers only of items the caller may see; the others answer as unknown (not disclosed).
        var numbers = await guard.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Number, ct);
        var results = new List<BatchItemResult>();
        foreach (var id in ids)
        {
            ActOutcome outcome;
            try
            {
                outcome = r.Action == "forward"
                    ? await forward.ForwardAsync(id, new ForwardPetition.Request(r.TargetOrganizationId, r.Note), ct)
                    : await assign.AssignAsync(id, new AssignPetition.Request(r.TargetOrganizationId, r.ReportDueOn, r.Note), ct);
            }
            catch (DomainRuleViolation e)
            {
                outcome = ActOutcome.Forbidden(e.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                outcome = ActOutcome.Forbidden("该信访件刚被他人修改，请重新打开后再办理");
            }

            // A refused item leaves nothing tracked for the next one's save.
            db.ChangeTracker.Clear();
            var number = numbers.GetValueOrDefault(id);
            results.Add(outcome switch
            {
                { Petition: { } p } => new BatchItemResult(id, p.Number, true, r.Action == "forward" ? "已转送" : "已交办"),
                { Errors: { } e } => new BatchItemResult(id, number, false, string.Join("；", e.Messages)),
                { RefusedStatus: StatusCodes.Status404NotFound } => new BatchItemResult(id, null, false, "未找到该信访件"),
                _ => new BatchItemResult(id, number, false, outcome.RefusedBecause ?? "不能办理"),
            });
        }

        return (null, results);
    }
}
