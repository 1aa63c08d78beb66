using System.Security.Claims;
using System.Security.Cryptography;

namespace Xinfang.Web.Security;

/// <summary>What a page form's submission came to.</summary>
/// <param name="Location">Where the browser goes (303) when the form was done, now or by an earlier submission.</param>
/// <param name="Busy">Why nothing was done: the same form is being submitted at this moment.</param>
internal sealed record FormOnce(string? Location, string? Busy);

/// <summary>
/// One-time tokens for the server-rendered forms (the registration page and the petition page's
/// action forms), on the same store as the API's idempotency keys (ADR 0060): each render carries a
/// fresh token in a hidden field; the first submission that saves something uses it up, and a
/// second submission of the same rendered form (double click, back and submit again, a browser
/// retry) is sent where the first went, without acting again. A submission refused for its fields
/// saves nothing and gives the token back, so the corrected form can be sent.
/// A post without a token is handled as before: a token costs one GET, so requiring it would stop
/// no one; the guard is for honest repeats, which always carry the rendered token.
/// </summary>
internal sealed class FormTokens(IdempotencyKeys keys, IHttpContextAccessor accessor)
{
    public const string BusyMessage = "该表单已提交，正在办理；请勿重复提交，稍后刷新页面查看结果";

    /// <summary>A fresh token for one render of a form.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Runs <paramref name="act"/> once per token. It returns where to send the browser when it saved
    /// something, or null when it refused (nothing saved).
    /// </summary>
    public async Task<FormOnce> RunOnceAsync(string? token, Func<Task<string?>> act, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(act);
        var http = accessor.HttpContext;
        var user = http?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (http is null || string.IsNullOrEmpty(user) || token is not { Length: > 0 and <= Idempotency.MaxKeyLength } || !token.All(char.IsAsciiHexDigit))
        {
            return new FormOnce(await act(), null);
        }

        var scope = "form:" + user;
        var claim = await keys.ClaimAsync(scope, token, "form", ct);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                return new FormOnce(PageLocation(claim.Record!.Location), null);
            case ClaimOutcome.Claimed:
                break;
            default:
                return new FormOnce(null, BusyMessage);
        }

        var feature = new IdempotencyFeature(scope, token);
        http.Features.Set(feature);
        string? location = null;
        try
        {
            location = await act();
        }
        finally
        {
            http.Features.Set<IdempotencyFeature>(null);
            if (location is not null)
            {
                await keys.CompleteAsync(feature, StatusCodes.Status303SeeOther, null, location, string.Empty, CancellationToken.None);
            }
            else if (!feature.Committed)
            {
                await keys.ReleaseAsync(feature, CancellationToken.None);
            }
        }

        return new FormOnce(location, null);
    }

    /// <summary>An answer stored inside a use case's transaction names the API resource; the page of the same item has the same path without <c>/api</c>.</summary>
    private static string? PageLocation(string? location) =>
        location is not null && location.StartsWith("/api/", StringComparison.Ordinal) ? location[4..] : location;
}
