using Xinfang.Web.Common;

namespace Xinfang.Web.PublicInformation;

/// <summary>
/// 信访公开 (条例 Art. 18): per organisation, what the public must be told — channels, addresses,
/// reception hours and places, what is accepted and how it is handled, how to query and rate, the law.
/// Edited by administrators (their organisation and its subtree, <c>/admin/guide</c>), shown on the
/// portal (<c>/guide</c>, <c>/guide/{code}</c>, the 条例 at <c>/guide/law</c>) and through the API.
/// </summary>
public static class PublicInformationModule
{
    public static WebApplicationBuilder AddPublicInformation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PublicGuides>();
        return builder;
    }

    public static void MapPublicInformation(this IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/public/guides").AllowAnonymous().DisableAntiforgery().WithTags("信访公开");
        pub.MapGet("", (PublicGuides guides, CancellationToken ct) => guides.ListAsync(ct))
            .WithSummary("公布信访公开信息的机关（是否有本机关自己的内容）").Produces<IReadOnlyList<PublicGuides.ListedBody>>();
        pub.MapGet("/{code}", async (string code, PublicGuides guides, CancellationToken ct) =>
                await guides.FindAsync(code, ct) is { } guide ? Results.Ok(guide) : Answers.NotFound("机构"))
            .WithSummary("一个机关的信访公开信息（本机关未公布的，显示最近的上级机关公布的内容并注明）")
            .Produces<PublicGuides.GuideView>().ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapGroup("/api/admin/guides").RequireAuthorization().DisableAntiforgery().WithTags("信访公开");
        admin.MapGet("/{code}/revisions", async (string code, PublicGuides guides, CancellationToken ct) =>
            {
                var org = await guides.FindOrganizationAsync(code, ct);
                if (org is null)
                {
                    return Answers.NotFound("机构");
                }

                return await guides.HistoryAsync(org.Id, ct) is { } history
                    ? Results.Ok(history)
                    : Answers.Forbidden("管理员只能查看本机关及其下级机关的信访公开修改记录");
            })
            .WithSummary("信访公开信息的修改记录（谁在何时改了哪些项）")
            .Produces<IReadOnlyList<PublicGuides.RevisionView>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/{code}", async (string code, PublicGuides.GuideRequest request, PublicGuides guides, CancellationToken ct) =>
                PublicGuides.Answer(await guides.SaveAsync(code, request, ct)))
            .WithSummary("修改一个机关的信访公开信息（新增一版；baseRevision 为所修改的版本，首次为 0）")
            .Produces<PublicGuides.GuideView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
