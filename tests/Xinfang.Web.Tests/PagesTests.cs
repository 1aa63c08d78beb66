using System.Net;
using System.Text.Json.Nodes;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>The host's front door: health, the OpenAPI document and its UI, the Chinese pages.</summary>
public sealed class PagesTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private XinfangApp App => fixture.App;

    [Fact]
    public async Task Health_answers_200()
    {
        var response = await App.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_petition_endpoints()
    {
        var response = await App.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = doc["paths"]!.AsObject();
        Assert.Contains("/api/petitions", paths.Select(p => p.Key));
        Assert.Contains("/api/petitions/{id}/forward", paths.Select(p => p.Key));
        Assert.Contains("/api/public/progress", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task The_api_reference_ui_is_served()
    {
        var response = await App.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "信访工作平台")]
    [InlineData("/track", "办理进展查询")]
    [InlineData("/login", "工作人员登录")]
    public async Task Public_pages_are_in_Chinese(string url, string text)
    {
        var response = await App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains(text, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbench_needs_sign_in_and_then_lists_the_units_items()
    {
        var anonymous = await App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("工作台测试件"));
        var page = await registrar.Client.GetStringAsync("/workbench");
        Assert.Contains("西湖区信访局", page, StringComparison.Ordinal);
        Assert.Contains(number, page, StringComparison.Ordinal);
        var detail = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("工作台测试件", detail, StringComparison.Ordinal);
        Assert.Contains("办理过程", detail, StringComparison.Ordinal);
    }
}
