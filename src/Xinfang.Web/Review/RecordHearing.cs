using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;

namespace Xinfang.Web.Review;

/// <summary>听证 in a 复核 (条例 Art. 36 ¶2): recorded with its dates; its days do not count in the 30.</summary>
public sealed class RecordHearing(PetitionStore store)
{
    public sealed record Request(DateOnly? From, DateOnly? To, string? Summary);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await RecordAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both record a hearing here.</summary>
    public async Task<ActOutcome> RecordAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Summary, "summary", "听证情况", Petition.MaxNoteLength)
            .Date(r.From, "from", "听证开始日期").Date(r.To, "to", "听证结束日期");
        if (r.From is null)
        {
            errors.Add("from", "请填写听证开始日期");
        }

        if (r.To is null)
        {
            errors.Add("to", "请填写听证结束日期");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.RecordHearing, (p, actor, now) => p.RecordHearing(r.From!.Value, r.To!.Value, r.Summary!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/hearing", (Guid id, Request r, RecordHearing uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("记录复核听证（听证时间不计入复核期限）");
}
