using System.Net;
using System.Text.Json.Nodes;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.TextAnalysis;

internal static class TextTestData
{
    public const string Xihu = "demo.xihu.registrar";
    public const string City = "demo.hz.registrar";
    public const string Admin = "demo.zj.admin";

    public static Dictionary<string, object?> Letter(string title, string content, string? idNumber = null, string? phone = null, string? contentClass = null)
    {
        var letter = AppExtensions.Letter(title);
        letter["content"] = content;
        letter["petitioners"] = new[]
        {
            new Dictionary<string, object?> { ["name"] = "李四", ["idNumber"] = idNumber, ["phone"] = phone, ["address"] = "杭州市西湖区" },
        };
        letter["contentClassCode"] = contentClass;
        return letter;
    }

    public static async Task<JsonNode> AnalyzeAsync(this Staff staff, object body)
    {
        var (status, json) = await staff.PostAsync("/api/petitions/analyze", body);
        Assert.True(status == HttpStatusCode.OK, $"analyze: {(int)status} {json.ToJsonString()}");
        return json;
    }

    public static async Task<JsonNode> FullTextAsync(this Staff staff, string q, int page = 1)
    {
        var (status, json) = await staff.GetAsync($"/api/petitions/fulltext?q={Uri.EscapeDataString(q)}&page={page}");
        Assert.True(status == HttpStatusCode.OK, $"fulltext: {(int)status} {json.ToJsonString()}");
        return json;
    }

    public static List<Guid> Ids(this JsonNode result) => result["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();

    public static JsonNode Hit(this JsonNode result, Guid id) => result["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;

    public static JsonNode? Candidate(this JsonNode analysis, Guid id) =>
        analysis["repeats"]!.AsArray().SingleOrDefault(c => c!["id"]!.GetValue<Guid>() == id);
}
