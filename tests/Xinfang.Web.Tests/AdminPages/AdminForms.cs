using System.Net;
using System.Text.RegularExpressions;

namespace Xinfang.Web.Tests.AdminPages;

/// <summary>Posts a Blazor SSR form of a page as a browser without JavaScript would: the antiforgery token of the page, the form's name.</summary>
public static partial class AdminForms
{
    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, string page, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        var response = await client.PostAsync(page, new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the element with this id (tags stripped, entities decoded), or null.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</(p|div|ul|table|section|dl)>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ")) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
