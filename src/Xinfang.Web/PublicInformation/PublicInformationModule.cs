namespace Xinfang.Web.PublicInformation;

/// <summary>
/// 信访公开 (条例 Art. 18): per organisation, what the public must be told — channels, addresses,
/// reception hours and places, what is accepted and how it is handled, how to query and rate, the law.
/// Edited by administrators, shown on the portal.
/// </summary>
public static class PublicInformationModule
{
    public static WebApplicationBuilder AddPublicInformation(this WebApplicationBuilder builder) => builder;

    public static void MapPublicInformation(this IEndpointRouteBuilder app)
    {
    }
}
