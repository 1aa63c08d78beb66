using Scalar.AspNetCore;
using Xinfang.Web.Administration;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Components;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;
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
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UseXinfangCommon();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapScalarApiReference("/scalar");
SignIn.Map(app);
app.MapCasework();
app.MapDeadlines();
app.MapSupervision();
app.MapTextAnalysis();
app.MapStaticAssets();
app.MapRazorComponents<App>();

await app.PrepareDatabaseAsync();
app.Run();
return 0;

/// <summary>Entry point, public so the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
