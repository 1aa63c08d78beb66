using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Intake;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// The one way into an item from the public side (domain.md §8): its number and its query code, nothing else.
/// Every portal page, public endpoint and download (progress, rating, review requests, supplements, receipts,
/// document PDFs) opens the item here, so the wrong-code delays (Security/QueryCodeGuard) hold on every path.
/// A wrong code and an unknown number give the same answer, so numbers cannot be probed.
/// </summary>
public sealed class PetitionerKey(AppDbContext db, ReadDatabase reads, PetitionNumbers numbers, QueryCodeGuard guard, Casework.PetitionReadCache held)
{
    /// <summary>The item, or the answer to give instead: 400 (malformed), 404 (wrong number or code) or 429 (wait).</summary>
    public Task<(Petition? Petition, IResult? Problem)> OpenAsync(string? number, string? code, CancellationToken ct) =>
        OpenAsync(number, code, forReading: false, ct);

    /// <summary>
    /// The same, for showing the item only (nothing saved): read on the read replica when one is configured (ADR 0170),
    /// and on the primary again when the replica does not have it or its code — a petitioner who submitted a moment
    /// ago, before the replica replayed it, still finds the item. A miss counts as a wrong code only after the primary's answer.
    /// </summary>
    public Task<(Petition? Petition, IResult? Problem)> OpenForReadingAsync(string? number, string? code, CancellationToken ct) =>
        OpenAsync(number, code, forReading: true, ct);

    private async Task<(Petition? Petition, IResult? Problem)> OpenAsync(string? number, string? code, bool forReading, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(number, "number", "信访件编号", 48).Text(code, "queryCode", "查询码", 32);
        if (errors.Any)
        {
            return (null, errors.Problem());
        }

        // ── trust-surface (issue 4): growing delays for wrong codes, per client and per number (Security/QueryCodeGuard.cs) ──
        var (clientWait, numberCounted) = await guard.BeforeAsync(number!, ct);
        if (clientWait is not null)
        {
            return (null, TooManyRequests.WrongCodes(clientWait.Value));
        }

        var source = forReading ? await reads.ReadsAsync(ct) : db;
        var petition = await FindAsync(source, number!, forReading, ct);
        if (!Opens(petition, code!) && reads.FromReplica(source))
        {
            // Replica lag (ADR 0170): the item or its reissued code may not have been replayed there yet.
            petition = await FindAsync(db, number!, forReading, ct);
        }

        if (!Opens(petition, code!))
        {
            // An unknown number counts like a wrong code, so the answers stay alike.
            return (null, await guard.FailedAsync(number!, ct) is { } wait
                ? TooManyRequests.WrongCodes(wait)
                : TypedResults.Problem(statusCode: 404, title: "未找到", detail: "编号或查询码不正确"));
        }

        if (numberCounted)
        {
            await guard.SucceededAsync(number!, ct);
        }

        return (petition, null);
    }

    // The petitioner's own lookup (number and query code, no staff scope): the code is checked next (Opens). For showing
    // only, the item held by the read cache while its stored version (on the database asked) is unchanged (ADR 0179);
    // for acting, a tracked copy of its own.
    private Task<Petition?> FindAsync(AppDbContext source, string number, bool forReading, CancellationToken ct) => forReading
        ? held.ReadByNumberAsync(source, number.Trim(), ct)
        : source.PetitionsAcrossDeployment.AsSplitQuery().SingleOrDefaultAsync(p => p.Number == number.Trim(), ct);

    private bool Opens(Petition? petition, string code) => petition is not null && numbers.Matches(petition.Number, code, petition.QueryCodeHash);
}
