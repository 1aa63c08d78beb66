using Xinfang.Web.Administration;
using Xinfang.Web.Audit;
using Xinfang.Web.Campaigns;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Components;
using Xinfang.Web.Data;
using Xinfang.Web.Documents;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Evaluation;
using Xinfang.Web.Identity;
using Xinfang.Web.Instructions;
using Xinfang.Web.CoHandling;
using Xinfang.Web.Legal;
using Xinfang.Web.Operations;
using Xinfang.Web.Duty;
using Xinfang.Web.JointMeetings;
using Xinfang.Web.Mediation;
using Xinfang.Web.Ownership;
using Xinfang.Web.Portal;
using Xinfang.Web.Privacy;
using Xinfang.Web.PublicInformation;
using Xinfang.Web.Reception;
using Xinfang.Web.Reports;
using Xinfang.Web.Screening;
using Xinfang.Web.Security;
using Xinfang.Web.Statistics;
using Xinfang.Web.Attachments;
using Xinfang.Web.Supervision;
using Xinfang.Web.TextAnalysis;
using Xinfang.Web.Workbench;

// `dotnet run --project src/Xinfang.Web -- text …`: the Chinese-text evaluation commands (docs/text.md).
if (args is ["text", ..])
{
    return TextCommands.Run(args[1..]);
}

// `dotnet run --project src/Xinfang.Web -- audit verify` / `-- privacy reencrypt` / `-- backup <file>` / `-- restore <file> [--force]`: the trust commands
// run against the configured database and keys, then exit (docs/security.md). Any further arguments configure.
// `-- admin create-administrator …`: the first administrator where there is no demo data (issue 9).
// `-- report --year 2026 [--org CODE] [--format md|docx] [--out FILE]`: the annual report (issue 12, docs/reports.md).
var trustCommand = TrustCommands.IsCommand(args) ? args[..TrustCommands.Length(args)] : AdminCommands.Command(args) ?? ReportCommands.Command(args);
var builder = WebApplication.CreateBuilder(trustCommand is null ? args : args[trustCommand.Length..]);
builder.AddXinfangCommon();
builder.AddDeadlines();
builder.AddXinfangData();
builder.AddXinfangIdentity();
builder.AddCasework();
builder.AddSupervision();
builder.AddEvaluation();
builder.AddTextAnalysis();
builder.AddPrivacy();
builder.AddAudit();
builder.AddXinfangSecurity();
builder.AddAttachments();
builder.AddPortal();
builder.AddPublicInformation();
builder.AddInstructions();
builder.AddReception();
builder.AddCampaigns(); // campaigns (issue 14): 治重化积
builder.AddStatistics();
builder.AddReports();
builder.AddDocuments();
builder.AddAdministration();
builder.AddWorkbench();
builder.AddOwnership(); // issue 14: 领导包案
builder.AddCoHandling(); // issue 14: 主办/协办
builder.AddLegal(); // issue 14: 律师意见、转介、案审、典型案例
builder.AddOperations(); // issue 16: probes, schema check, shutdown, logs, metrics (docs/operations.md)
builder.AddScreening(); // issue 14: 矛盾纠纷排查和预警
builder.AddDuty(); // issue 14: 值班、零报告、紧急信访信息报告
builder.AddJointMeetings(); // issue 14: 联席会议议定事项
builder.AddMediation(); // issue 14: 调解评理
builder.Services.AddRazorComponents();

var app = builder.Build();
if (trustCommand is not null)
{
    return trustCommand[0] switch
    {
        "admin" => await AdminCommands.RunAsync(app.Services, trustCommand, Console.In, Console.Out, Console.Error),
        "report" => await ReportCommands.RunAsync(app.Services, trustCommand, Console.Out, Console.Error),
        _ => await TrustCommands.RunAsync(app.Services, trustCommand, Console.Out, Console.Error),
    };
}

app.UseXinfangSecurity(); // first, so every answer carries the security headers
app.UseXinfangCommon();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter(); // trust-surface: after authentication, budgets are per staff member
app.UseAntiforgery();
app.UsePageAntiforgeryAnswer(); // a failed page form post answered in Chinese
app.UseIdempotency(); // Idempotency-Key on every API POST: after authorization and rate limits

app.MapHealthChecks("/health");
app.MapXinfangApiDocs(); // OpenAPI + Scalar; behind staff sign-in outside Development (issue 9)
SignIn.Map(app);
app.MapCasework();
app.MapDeadlines();
app.MapSupervision();
app.MapEvaluation();
app.MapTextAnalysis();
app.MapPrivacy();
app.MapAudit();
app.MapAttachments();
app.MapPortal();
app.MapPublicInformation();
app.MapInstructions();
app.MapReception();
app.MapCampaigns(); // campaigns (issue 14)
app.MapStatistics();
app.MapReports();
app.MapDocuments();
app.MapAdministration();
app.MapWorkbench();
app.MapOwnership(); // issue 14: 领导包案
app.MapCoHandling(); // issue 14: 主办/协办
app.MapLegal(); // issue 14: 律师意见、转介、案审、典型案例
app.MapOperations(); // issue 16: /health/live, /health/ready, /metrics
app.MapScreening(); // issue 14: 矛盾纠纷排查和预警
app.MapDuty(); // issue 14: 值班、零报告、紧急信访信息报告
app.MapJointMeetings(); // issue 14: 联席会议议定事项
app.MapMediation(); // issue 14: 调解评理
TwoFactor.Map(app);
app.MapStaticAssets();
app.MapRazorComponents<App>();

await app.PrepareDatabaseAsync();
app.Run();
return 0;

/// <summary>Entry point, public so the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
