using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Xinfang.Web.Tests.Security;

/// <summary>A staff member's session cookie sent by hand (a copied cookie, or one sent to another app instance).</summary>
public static class StaffCookies
{
    /// <summary>Signs in with a client that does not keep cookies; returns the session cookie as a Cookie header value.</summary>
    public static async Task<string> SignInAsync(WebApplicationFactory<Program> app, string user, string password = Administration.DemoData.DemoPassword)
    {
        var client = app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"sign-in of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("xinfang.staff=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>One request with the cookie, from a client that neither keeps cookies nor follows redirects.</summary>
    public static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> app, string cookie, HttpMethod method, string url, object? body = null)
    {
        var client = app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
