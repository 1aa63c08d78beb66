using Scalar.AspNetCore;
using Xinfang.Web.Administration;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Components;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;
using Xinfang.Web.Security; // trust-surface
using Xinfang.Web.Attachments; // trust-surface
using Xinfang.Web.Supervision;
using Xinfang.Web.TextAnalysis;

// `dotnet run --project src/Xinfang.Web -- text …`: the Chinese-text evaluation commands (docs/text.md).
if (args is ["text", ..])
{
    return TextCommands.Run(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddXinfangCommon();
builder.AddDeadlines();
builder.AddXinfangData();
builder.AddXinfangIdentity();
builder.AddCasework();
builder.AddSupervision();
builder.AddAdministration();
builder.AddTextAnalysis();
builder.AddXinfangSecurity(); // trust-surface: headers, HSTS, rate limits, query-code delays
builder.AddAttachments(); // trust-surface
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UseXinfangSecurity(); // trust-surface: first, so every answer carries the security headers
app.UseXinfangCommon();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter(); // trust-surface: after authentication, budgets are per staff member
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapScalarApiReference("/scalar");
SignIn.Map(app);
app.MapCasework();
app.MapDeadlines();
app.MapSupervision();
app.MapTextAnalysis();
app.MapAttachments(); // trust-surface
TwoFactor.Map(app); // trust-surface
app.MapStaticAssets();
app.MapRazorComponents<App>();

await app.PrepareDatabaseAsync();
app.Run();
return 0;

/// <summary>Entry point, public so the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
