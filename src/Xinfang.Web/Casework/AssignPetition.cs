using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>交办: the bureau assigns with a deadline for the 办结报告 (条例 Art. 22(三)).</summary>
public sealed class AssignPetition(PetitionStore store, AppDbContext db, OrganizationDirectory tree)
{
    public sealed record Request(Guid? TargetOrganizationId, DateOnly? ReportDueOn, string? Note, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await AssignAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> AssignAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Note, "note", "备注", Petition.MaxNoteLength, required: false)
            .Date(r.ReportDueOn, "reportDueOn", "交办期限").OccurredOn(r.OccurredOn);
        if (r.ReportDueOn is null)
        {
            errors.Add("reportDueOn", "请填写交办期限");
        }

        var target = r.TargetOrganizationId is { } t ? await db.Organizations.FindAsync([t], ct) : null;
        if (target is null)
        {
            errors.Add("targetOrganizationId", "请选择存在的承办单位");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Assign, (p, actor, now) => p.Assign(target!, tree, r.ReportDueOn!.Value, r.Note, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/assign", (Guid id, Request r, AssignPetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("交办");
}
