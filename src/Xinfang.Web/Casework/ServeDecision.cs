using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>送达: method, date, signed or refused. Starts the 30-day 复查 window (条例 Art. 35).</summary>
public sealed class ServeDecision(PetitionStore store)
{
    public sealed record Request(ServiceMethod? Method, DateOnly? ServedOn, bool? SignedByPetitioner, string? Note, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ServeAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ServeAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors()
            .Defined(r.Method, "method", "送达方式")
            .Text(r.Note, "note", "备注", Petition.MaxNoteLength, required: false);
        // occurredOn is the day of service; servedOn, its older name, stays an alias. Neither given: today.
        var (servedOn, field) = errors.OccurredOn(r.OccurredOn, r.ServedOn, "servedOn", "送达日期");

        if (r.SignedByPetitioner is null)
        {
            errors.Add("signedByPetitioner", "请选择是否签收");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Serve, (p, actor, now) => p.Serve(r.Method!.Value, servedOn, r.SignedByPetitioner!.Value, r.Note, actor, now, field), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/serve", (Guid id, Request r, ServeDecision uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("送达处理意见");
}
