using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// A lost 查询码 re-issued by staff (issue 11, docs/security.md): the petitioner comes in person, the
/// registrar of the body they registered with or of the one holding the item (a unit's head where there
/// is no registrar) checks the identity document against the registration and gives a new code, shown
/// once. Only its hash is stored, so the old code is dead at once. The step is audited — who, when, which
/// document was shown and that it matched, never the document's number — and written to the item's
/// history for staff only. The wrong-code counter of the number is cleared: the petitioner's own failed
/// tries with the lost code must not delay the new one (the client counter is kept, see ADR 0051).
/// </summary>
public sealed class ReissueQueryCode(
    PetitionStore store, PetitionGuard guard, AppDbContext db, CurrentStaff staff, PetitionNumbers numbers,
    AuditLog audit, QueryCodeGuard codeGuard, TimeProvider clock)
{
    public sealed record Request(IdDocumentType? DocumentShown, bool? MatchesRegistration);

    /// <summary>The new code: shown once to the registrar, for the petitioner; never again.</summary>
    public sealed record Response(Guid Id, string Number, string QueryCode);

    /// <summary>What the page and the API both get: the new code, or why not (nothing saved).</summary>
    public sealed record Outcome(Response? Issued, RequestErrors? Errors, int RefusedStatus, string? RefusedBecause);

    public async Task<IResult> HandleAsync(Guid id, Request r, HttpContext http, CancellationToken ct)
    {
        var o = await IssueAsync(id, r, ct);
        http.Response.Headers.CacheControl = "no-store";
        return o switch
        {
            { Issued: { } issued } => TypedResults.Ok(issued),
            { Errors: { } errors } => errors.Problem(),
            { RefusedStatus: StatusCodes.Status404NotFound } => Answers.NotFound(),
            _ => Answers.Forbidden(o.RefusedBecause!),
        };
    }

    /// <summary>Checks, re-issues and saves; a rule the domain refuses (an anonymous item) is thrown as <see cref="DomainRuleViolation"/>.</summary>
    public async Task<Outcome> IssueAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Defined(r.DocumentShown, "documentShown", "信访人出示的证件");
        if (r.MatchesRegistration != true)
        {
            errors.Add("matchesRegistration", "请核对证件与登记的信访人信息一致后勾选确认");
        }

        if (errors.Any)
        {
            return new Outcome(null, errors, 400, null);
        }

        var petition = await store.FindAsync(id, ct);
        // Outside the caller's scope the item is unknown: its existence is not disclosed.
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return new Outcome(null, null, StatusCodes.Status404NotFound, "未找到该信访件");
        }

        if (!await guard.MayAsync(petition, PetitionOperation.ReissueQueryCode))
        {
            return new Outcome(null, null, StatusCodes.Status403Forbidden, "只有登记机关或正在办理的机关的登记人员（单位负责人）可以重新发放查询码");
        }

        var code = PetitionNumbers.NewQueryCode();
        var check = new IdentityCheck(r.DocumentShown!.Value, true);
        var version = petition.Version;
        petition.ReissueQueryCode(numbers.HashQueryCode(petition.Number, code), check, staff.Actor, clock.GetUtcNow());
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await PetitionStore.SaveAsync(db, petition, version, ct);
            await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.QueryCodeReissued, petition.Id.ToString(), petition.Number,
                $"重新发放查询码，原查询码作废；{check.Describe()}"), ct);
            await tx.CommitAsync(ct);
        }

        // After the commit: the counter lives in its own connection (SQLite would wait on this transaction's lock).
        await codeGuard.SucceededAsync(petition.Number, ct);
        return new Outcome(new Response(petition.Id, petition.Number, code), null, 200, null);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/petitions").RequireAuthorization().DisableAntiforgery().WithTags("信访件")
            .MapPost("/{id:guid}/query-code", (Guid id, Request r, HttpContext http, ReissueQueryCode uc, CancellationToken ct) => uc.HandleAsync(id, r, http, ct))
            .WithSummary("核验身份后重新发放查询码（原查询码作废，记入审计）")
            .Produces<Response>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
