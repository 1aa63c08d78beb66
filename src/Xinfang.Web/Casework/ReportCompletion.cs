using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>办结报告 to the assigning bureau (条例 Art. 22(三)).</summary>
public sealed class ReportCompletion(PetitionStore store)
{
    public sealed record Request(string? Report, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ReportAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ReportAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Report, "report", "办结报告", Petition.MaxNoteLength).OccurredOn(r.OccurredOn);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.ReportCompletion, (p, actor, now) => p.ReportCompletion(r.Report!, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/completion-report", (Guid id, Request r, ReportCompletion uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("报送办结报告");
}
