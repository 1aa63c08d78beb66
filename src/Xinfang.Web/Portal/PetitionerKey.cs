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
public sealed class PetitionerKey(AppDbContext db, PetitionNumbers numbers, QueryCodeGuard guard)
{
    /// <summary>The item, or the answer to give instead: 400 (malformed), 404 (wrong number or code) or 429 (wait).</summary>
    public async Task<(Petition? Petition, IResult? Problem)> OpenAsync(string? number, string? code, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(number, "number", "信访件编号", 48).Text(code, "queryCode", "查询码", 32);
        if (errors.Any)
        {
            return (null, errors.Problem());
        }

        // ── trust-surface (issue 4): growing delays for wrong codes, per client and per number (Security/QueryCodeGuard.cs) ──
        if (await guard.ClientWaitAsync(ct) is { } clientWait)
        {
            return (null, TooManyRequests.WrongCodes(clientWait));
        }

        // The petitioner's own lookup (number and query code, no staff scope): the code is checked next.
        var petition = await db.PetitionsAcrossDeployment.AsSplitQuery().SingleOrDefaultAsync(p => p.Number == number!.Trim(), ct);
        if (petition is null || !numbers.Matches(petition.Number, code!, petition.QueryCodeHash))
        {
            // An unknown number counts like a wrong code, so the answers stay alike.
            return (null, await guard.FailedAsync(number!, ct) is { } wait
                ? TooManyRequests.WrongCodes(wait)
                : TypedResults.Problem(statusCode: 404, title: "未找到", detail: "编号或查询码不正确"));
        }

        await guard.SucceededAsync(number!, ct);
        return (petition, null);
    }
}
