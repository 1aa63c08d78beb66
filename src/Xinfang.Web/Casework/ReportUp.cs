using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>重大紧急: report to the 党委和政府 and up (条例 Art. 22(一), 25); the item stays where it is.</summary>
public sealed class ReportUp(PetitionStore store)
{
    public sealed record Request(string? ReportedTo, string? Summary, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ReportUpAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ReportUpAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Text(r.ReportedTo, "reportedTo", "报送对象", 200)
            .Text(r.Summary, "summary", "报告内容", Petition.MaxNoteLength)
            .OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.ReportUp, (p, actor, now) => p.ReportUp(r.ReportedTo!, r.Summary!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/report-up", (Guid id, Request r, ReportUp uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("重大紧急情况报告");
}
