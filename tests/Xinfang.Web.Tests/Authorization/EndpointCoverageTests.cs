using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Authorization;

/// <summary>
/// Every endpoint the app maps is accounted for: a petition operation covered by the authorization
/// matrix, a list filtered by the same view rule, or a named kind of non-case endpoint. A new
/// endpoint fails this test until someone decides which it is.
/// </summary>
public sealed class EndpointCoverageTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    /// <summary>Scoped: a list filtered by PetitionScope. Admin, Supervision, Staff, Public, Page, Infrastructure: not a case operation.</summary>
    private static readonly Dictionary<string, string> Classified = new(StringComparer.Ordinal)
    {
        ["POST /api/petitions/"] = "Register",
        ["GET /api/petitions/{id:guid}"] = "View",
        ["GET /api/petitions/by-number/{number}"] = "View",
        ["GET /api/petitions/search"] = "Scoped",
        ["POST /api/petitions/search"] = "Scoped",
        ["POST /api/petitions/{id:guid}/petitioners/{ordinal:int}/reveal"] = "View RevealPersonalData",
        ["GET /api/admin/audit/verify"] = "Admin",
        ["GET /api/admin/audit/entries"] = "Admin",
        ["GET /api/organizations/{organizationId:guid}/worklist"] = "Scoped",
        ["POST /api/petitions/{id:guid}/forward"] = "Forward",
        ["POST /api/petitions/{id:guid}/assign"] = "Assign",
        ["POST /api/petitions/{id:guid}/guide-to-political-legal"] = "GuideToPoliticalLegal",
        ["POST /api/petitions/{id:guid}/answer"] = "AnswerDirectly",
        ["POST /api/petitions/{id:guid}/decline"] = "Decline",
        ["POST /api/petitions/{id:guid}/refuse-again"] = "RefuseAgain",
        ["POST /api/petitions/{id:guid}/report-up"] = "ReportUp",
        ["POST /api/petitions/{id:guid}/notify-receipt"] = "NotifyReceipt",
        ["POST /api/petitions/{id:guid}/objection"] = "RaiseObjection",
        ["POST /api/petitions/{id:guid}/objection/verify"] = "ApproveObjection RejectObjection",
        ["POST /api/petitions/{id:guid}/accept"] = "Accept",
        ["POST /api/petitions/{id:guid}/receipt"] = "RecordReceipt",
        ["POST /api/petitions/{id:guid}/route"] = "ChooseRoute",
        ["POST /api/petitions/{id:guid}/extend"] = "Extend",
        ["POST /api/petitions/{id:guid}/decide"] = "Decide",
        ["POST /api/petitions/{id:guid}/serve"] = "Serve",
        ["POST /api/petitions/{id:guid}/completion-report"] = "ReportCompletion",
        ["POST /api/petitions/{id:guid}/rating"] = "Rate",
        ["POST /api/petitions/{id:guid}/close"] = "Close",
        ["POST /api/petitions/{id:guid}/recusals"] = "RecordRecusal",
        ["POST /api/petitions/{id:guid}/query-code"] = "ReissueQueryCode",
        ["POST /api/petitions/{id:guid}/resolution"] = "RecordResolution",
        ["GET /api/return-visits"] = "Scoped",
        ["POST /api/return-visits/{id:guid}/result"] = "View RecordReturnVisit",
        ["GET /api/petitions/{id:guid}/return-visits"] = "View",
        ["POST /api/petitions/{id:guid}/review"] = "RequestReview",
        ["POST /api/petitions/{id:guid}/re-review"] = "RequestReReview",
        ["POST /api/petitions/{id:guid}/review-opinion"] = "IssueReviewOpinion",
        ["POST /api/petitions/{id:guid}/re-review-opinion"] = "IssueReReviewOpinion",
        ["POST /api/petitions/{id:guid}/hearing"] = "RecordHearing",
        // wb-workflow (issue 13): correct/void a registration, draft → 签发, extension asked → approved; leaders' 批示.
        ["POST /api/petitions/{id:guid}/correct"] = "CorrectRegistration",
        ["POST /api/petitions/{id:guid}/void"] = "VoidRegistration",
        ["POST /api/petitions/{id:guid}/draft-decision"] = "DraftDecision",
        ["POST /api/petitions/{id:guid}/return-decision"] = "ReturnDecision",
        ["POST /api/petitions/{id:guid}/sign-off-decision"] = "SignOffDecision",
        ["POST /api/petitions/{id:guid}/request-extension"] = "RequestExtension",
        ["POST /api/petitions/{id:guid}/approve-extension"] = "ApproveExtension",
        ["POST /api/petitions/{id:guid}/refuse-extension"] = "RefuseExtension",
        ["POST /api/instructions/"] = "Scoped",
        ["GET /api/instructions/"] = "Scoped",
        ["GET /api/instructions/petition/{petitionId:guid}"] = "Scoped",
        ["POST /api/instructions/{id:guid}/assign"] = "Scoped",
        ["POST /api/instructions/{id:guid}/answer"] = "Scoped",
        ["GET /instructions"] = "Page",
        ["POST /instructions"] = "Page",
        // ownership (issue 14): 领导包案 — lists by the bureau's jurisdiction or the leader's own; the item read through PetitionGuard.
        // duty (issue 14): 联席会议议定事项, 值班和零报告, 紧急信访信息报告 — each scoped to the reader's jurisdiction; linked items read through PetitionGuard.
        ["GET /api/joint-meetings/"] = "Staff",
        ["POST /api/joint-meetings/"] = "Staff",
        ["GET /api/joint-meetings/{id:guid}"] = "Staff",
        ["POST /api/joint-meetings/{id:guid}/decisions"] = "Staff",
        ["GET /api/joint-meetings/decisions"] = "Staff",
        ["GET /api/joint-meetings/decisions/{id:guid}"] = "Staff",
        ["POST /api/joint-meetings/decisions/{id:guid}/notes"] = "Staff",
        ["POST /api/joint-meetings/decisions/{id:guid}/done"] = "Staff",
        ["GET /api/joint-meetings/figures"] = "Staff",
        ["GET /api/duty/periods"] = "Staff",
        ["POST /api/duty/periods"] = "Staff",
        ["GET /api/duty/periods/{id:guid}"] = "Staff",
        ["GET /api/duty/periods/{id:guid}/roster"] = "Staff",
        ["POST /api/duty/periods/{id:guid}/roster"] = "Staff",
        ["POST /api/duty/periods/{id:guid}/reports"] = "Staff",
        ["GET /api/duty/periods/{id:guid}/days/{day}"] = "Staff",
        ["GET /api/duty/missing"] = "Staff",
        ["GET /api/duty/figures"] = "Staff",
        ["GET /api/urgent-reports/"] = "Staff",
        ["POST /api/urgent-reports/"] = "Staff",
        ["GET /api/urgent-reports/{id:guid}"] = "Staff",
        ["POST /api/urgent-reports/{id:guid}/read"] = "Staff",
        ["POST /api/urgent-reports/{id:guid}/pass-on"] = "Staff",
        ["GET /api/urgent-reports/petition/{petitionId:guid}"] = "Scoped",
        ["POST /api/ownership/"] = "Scoped",
        ["GET /api/ownership/"] = "Scoped",
        ["GET /api/ownership/leaders"] = "Staff",
        ["GET /api/ownership/figures"] = "Staff",
        ["GET /api/ownership/petition/{petitionId:guid}"] = "Scoped",
        ["GET /api/ownership/{id:guid}"] = "Scoped",
        ["POST /api/ownership/{id:guid}/milestones"] = "Scoped",
        ["POST /api/ownership/{id:guid}/milestones/{milestoneId:guid}/done"] = "Scoped",
        ["POST /api/ownership/{id:guid}/notes"] = "Scoped",
        ["POST /api/ownership/{id:guid}/outcome"] = "Scoped",
        ["POST /api/ownership/{id:guid}/reassign"] = "Scoped",
        ["POST /api/ownership/{id:guid}/withdraw"] = "Scoped",
        ["GET /ownership"] = "Page",
        ["POST /ownership"] = "Page",
        ["GET /ownership/mine"] = "Page",
        ["POST /ownership/mine"] = "Page",
        ["GET /ownership/{Id:guid}"] = "Page",
        ["POST /ownership/{Id:guid}"] = "Page",
        ["GET /api/petitions/fulltext"] = "Scoped",
        ["POST /api/petitions/analyze"] = "Scoped",
        ["GET /api/hotspots"] = "Scoped",
        ["GET /api/hotspots/export"] = "Scoped",
        // wb-lists (issue 13): the workbench reads through PetitionGuard.Petitions; batch acts through the forward/assign use cases.
        ["GET /api/workbench/home"] = "Scoped",
        ["GET /api/workbench/items"] = "Scoped",
        ["GET /api/workbench/items/export"] = "Scoped",
        ["POST /api/workbench/find"] = "Scoped",
        ["POST /api/workbench/batch"] = "Forward Assign",
        // wb-mine (issue 13): 首办责任人 — the item as View finds it, then the holding body's own rule (NameResponsibleOfficer.MayName);
        // saved filters are the staff member's own rows, no item in them.
        ["POST /api/petitions/{id:guid}/responsible-officer"] = "View",
        ["GET /api/workbench/saved-filters"] = "Staff",
        ["POST /api/workbench/saved-filters"] = "Staff",
        ["DELETE /api/workbench/saved-filters/{id:guid}"] = "Staff",
        // The numbers and what is made of them: figures and items only of the caller's subtree (IIndicatorSource scopes them).
        // reception (issue 14): 领导接访 — sessions of the caller's jurisdiction (the body's registrars record; items listed through PetitionGuard).
        ["GET /api/reception/sessions"] = "Scoped",
        ["POST /api/reception/sessions"] = "Scoped",
        ["GET /api/reception/sessions/{id:guid}"] = "Scoped",
        ["POST /api/reception/sessions/{id:guid}/attendance"] = "Scoped",
        ["POST /api/reception/sessions/{id:guid}/held"] = "Scoped",
        ["POST /api/reception/sessions/{id:guid}/move"] = "Scoped",
        ["POST /api/reception/sessions/{id:guid}/cancel"] = "Scoped",
        ["POST /api/reception/sessions/{id:guid}/visitors"] = "Scoped",
        ["GET /api/reception/figures"] = "Scoped",
        // legal (issue 14): 律师意见、转介、案审 read and written through the item (PetitionGuard); typical cases by the compiling body's jurisdiction; published ones public.
        ["POST /api/legal/opinions"] = "Scoped",
        ["GET /api/legal/opinions"] = "Scoped",
        ["GET /api/legal/opinions/{id:guid}"] = "Scoped",
        ["POST /api/legal/referrals"] = "Scoped",
        ["GET /api/legal/referrals"] = "Scoped",
        ["GET /api/legal/referrals/{id:guid}"] = "Scoped",
        ["POST /api/legal/referrals/{id:guid}/outcome"] = "Scoped",
        ["GET /api/legal/petition/{petitionId:guid}"] = "Scoped",
        ["GET /api/legal/figures"] = "Staff",
        ["POST /api/case-reviews/"] = "Scoped",
        ["GET /api/case-reviews/"] = "Scoped",
        ["GET /api/case-reviews/{id:guid}"] = "Scoped",
        ["GET /api/typical-cases/published"] = "Public",
        ["GET /api/typical-cases/draft"] = "Scoped",
        ["POST /api/typical-cases/"] = "Scoped",
        ["GET /api/typical-cases/"] = "Staff",
        ["GET /api/typical-cases/{id:guid}"] = "Staff",
        ["POST /api/typical-cases/{id:guid}/edit"] = "Staff",
        ["POST /api/typical-cases/{id:guid}/consent"] = "Staff",
        ["POST /api/typical-cases/{id:guid}/publish"] = "Staff",
        ["POST /api/typical-cases/{id:guid}/withdraw"] = "Staff",
        ["GET /legal"] = "Page",
        ["POST /legal"] = "Page",
        ["GET /legal/opinions/{Id:guid}"] = "Page",
        ["POST /legal/opinions/{Id:guid}"] = "Page",
        ["GET /legal/referrals/{Id:guid}"] = "Page",
        ["POST /legal/referrals/{Id:guid}"] = "Page",
        ["GET /case-reviews"] = "Page",
        ["POST /case-reviews"] = "Page",
        ["GET /case-reviews/{Id:guid}"] = "Page",
        ["POST /case-reviews/{Id:guid}"] = "Page",
        ["GET /typical-cases"] = "Page",
        ["POST /typical-cases"] = "Page",
        ["GET /typical-cases/{Id:guid}"] = "Page",
        ["POST /typical-cases/{Id:guid}"] = "Page",
        ["GET /guide/cases"] = "Page",
        ["POST /guide/cases"] = "Page",
        ["GET /joint-meetings"] = "Page",
        ["POST /joint-meetings"] = "Page",
        ["GET /joint-meetings/{Id:guid}"] = "Page",
        ["POST /joint-meetings/{Id:guid}"] = "Page",
        ["GET /joint-meetings/decisions"] = "Page",
        ["POST /joint-meetings/decisions"] = "Page",
        ["GET /joint-meetings/decisions/{Id:guid}"] = "Page",
        ["POST /joint-meetings/decisions/{Id:guid}"] = "Page",
        ["GET /duty"] = "Page",
        ["POST /duty"] = "Page",
        ["GET /duty/{Id:guid}"] = "Page",
        ["POST /duty/{Id:guid}"] = "Page",
        ["GET /urgent-reports"] = "Page",
        ["POST /urgent-reports"] = "Page",
        ["GET /urgent-reports/{Id:guid}"] = "Page",
        ["POST /urgent-reports/{Id:guid}"] = "Page",
        ["GET /reception"] = "Page",
        ["POST /reception"] = "Page",
        ["GET /reception/{Id:guid}"] = "Page",
        ["POST /reception/{Id:guid}"] = "Page",
        // screening (issue 14): 矛盾纠纷排查和预警 — rounds of bodies of the caller's subtree, warnings raised by or given to one; linked items through PetitionGuard.
        ["GET /api/screening/kinds"] = "Staff",
        ["GET /api/screening/rounds"] = "Scoped",
        ["POST /api/screening/rounds"] = "Scoped",
        ["GET /api/screening/rounds/{id:guid}"] = "Scoped",
        ["GET /api/screening/warnings"] = "Scoped",
        ["POST /api/screening/warnings"] = "Scoped",
        ["GET /api/screening/warnings/{id:guid}"] = "Scoped",
        ["POST /api/screening/warnings/{id:guid}/assign"] = "Scoped",
        ["POST /api/screening/warnings/{id:guid}/notes"] = "Scoped",
        ["POST /api/screening/warnings/{id:guid}/item"] = "Scoped",
        ["POST /api/screening/warnings/{id:guid}/close"] = "Scoped",
        ["POST /api/screening/warnings/{id:guid}/deadline"] = "Scoped", // corrections14: the assigning body moves the last day
        ["GET /api/screening/figures"] = "Scoped",
        ["GET /screening"] = "Page",
        ["POST /screening"] = "Page",
        ["GET /screening/rounds/{Id:guid}"] = "Page",
        ["POST /screening/rounds/{Id:guid}"] = "Page",
        ["GET /screening/warnings"] = "Page",
        ["POST /screening/warnings"] = "Page",
        ["GET /screening/warnings/{Id:guid}"] = "Page",
        ["POST /screening/warnings/{Id:guid}"] = "Page",
        // mediation (issue 14): 调解评理 — sessions of the caller's jurisdiction (the body's staff record; items linked and listed through PetitionGuard).
        ["GET /api/mediation/sessions"] = "Scoped",
        ["POST /api/mediation/sessions"] = "Scoped",
        ["GET /api/mediation/sessions/{id:guid}"] = "Scoped",
        ["POST /api/mediation/sessions/{id:guid}/participants"] = "Scoped",
        ["POST /api/mediation/sessions/{id:guid}/outcome"] = "Scoped",
        ["POST /api/mediation/sessions/{id:guid}/outcome/correction"] = "Scoped", // corrections14: the recording body corrects the outcome
        ["GET /api/mediation/sessions/{id:guid}/agreement.docx"] = "Scoped",
        ["POST /api/mediation/sessions/{id:guid}/resolution"] = "Scoped",
        ["GET /api/mediation/petition/{petitionId:guid}"] = "Scoped",
        ["GET /api/mediation/figures"] = "Scoped",
        ["GET /mediation"] = "Page",
        ["POST /mediation"] = "Page",
        ["GET /mediation/{Id:guid}"] = "Page",
        ["POST /mediation/{Id:guid}"] = "Page",
        ["GET /api/statistics/"] = "Scoped",
        ["GET /api/statistics/items"] = "Scoped",
        ["GET /api/statistics/facts/check"] = "Admin",
        ["POST /api/statistics/facts/rebuild"] = "Admin",
        ["GET /api/reports/annual"] = "Scoped",
        ["GET /api/reports/annual/markdown"] = "Scoped",
        ["GET /api/reports/annual/docx"] = "Scoped",
        ["GET /api/reports/tables/{table}"] = "Scoped",
        ["GET /api/reports/items"] = "Scoped",
        ["GET /api/text/classifier"] = "Staff",
        ["POST /api/text/classifier/retrain"] = "Admin",
        ["GET /api/organizations"] = "Staff",
        ["PUT /api/admin/calendars/{year:int}"] = "Admin",
        ["GET /api/admin/policies/{organizationId:guid}"] = "Staff",
        ["PUT /api/admin/policies/{organizationId:guid}"] = "Admin",
        ["GET /api/supervision/warnings"] = "Supervision",
        ["POST /api/supervision/notices"] = "Supervision",
        ["GET /api/supervision/notices"] = "Supervision",
        ["POST /api/supervision/notices/{id:guid}/reminders"] = "Supervision",
        ["POST /api/supervision/notices/{id:guid}/feedback"] = "Supervision",
        ["POST /api/supervision/recommendations"] = "Supervision",
        ["GET /api/supervision/recommendations"] = "Supervision",
        ["POST /api/supervision/recommendations/{id:guid}/adoption"] = "Supervision",
        ["POST /api/supervision/measures"] = "Supervision",
        ["GET /api/supervision/measures"] = "Supervision",
        ["POST /api/auth/login"] = "Public",
        ["POST /api/auth/login/2fa"] = "Public",
        ["POST /account/login/2fa"] = "Public",
        ["POST /api/auth/password"] = "Staff",
        ["GET /api/auth/2fa/"] = "Staff",
        ["POST /api/auth/2fa/authenticator"] = "Staff",
        ["POST /api/auth/2fa/enable"] = "Staff",
        ["POST /api/auth/2fa/disable"] = "Staff",
        ["POST /api/petitions/{id:guid}/attachments/"] = "View",
        ["GET /api/petitions/{id:guid}/attachments/"] = "View",
        ["GET /api/petitions/{id:guid}/attachments/{attachmentId:guid}"] = "View",
        ["POST /api/auth/logout"] = "Staff",
        ["POST /api/admin/accounts/{userName}/disable"] = "Admin",
        ["POST /api/admin/accounts/{userName}/enable"] = "Admin",
        ["POST /api/admin/accounts/{userName}/password-reset"] = "Admin",
        ["POST /account/login"] = "Public",
        ["POST /account/logout"] = "Staff",
        ["POST /api/public/progress"] = "Public",
        ["POST /api/public/rating"] = "Public",
        ["POST /api/public/petitions"] = "Public",
        ["GET /api/public/challenge"] = "Public",
        ["POST /api/public/supplements"] = "Public",
        ["POST /api/public/review"] = "Public",
        ["* /health"] = "Infrastructure",
        ["GET /health/live"] = "Infrastructure", // ops (issue 16): liveness, no database
        ["GET /health/ready"] = "Infrastructure", // ops: readiness, database and migrations
        ["* /metrics"] = "Infrastructure", // ops: Prometheus scrape, administrators or a local scraper (MetricsTests)
        ["GET /{**path:file}"] = "Infrastructure",
        ["HEAD /{**path:file}"] = "Infrastructure",
        ["GET /openapi/{documentName}.json"] = "Infrastructure",
        ["GET /scalar/{documentName?}"] = "Infrastructure",
        // Pages answer GET, and POST for their forms (antiforgery-checked); each checks the same rules.
        ["GET /"] = "Page",
        ["POST /"] = "Page",
        ["POST /login"] = "Page",
        ["POST /petitions/{Id:guid}"] = "Page",
        ["POST /workbench"] = "Page",
        ["GET /statistics"] = "Page",
        ["POST /statistics"] = "Page",
        ["GET /statistics/items"] = "Page",
        ["POST /statistics/items"] = "Page",
        ["GET /statistics/report"] = "Page",
        ["POST /statistics/report"] = "Page",
        ["POST /search"] = "Page",
        ["POST /supervision"] = "Page",
        ["GET /login"] = "Page",
        ["GET /track"] = "Page",
        ["POST /track"] = "Page",
        ["GET /submit"] = "Page",
        ["POST /submit"] = "Page",
        ["GET /workbench"] = "Page",
        ["GET /petitions/{Id:guid}"] = "Page",
        ["GET /search"] = "Page",
        ["GET /supervision"] = "Page",
        ["GET /hotspots"] = "Page",
        ["GET /find"] = "Page",
        ["POST /find"] = "Page",
        ["POST /hotspots"] = "Page",
        ["GET /admin/audit"] = "Page",
        ["GET /account/security"] = "Page",
        ["POST /account/security"] = "Page",
        ["GET /login/2fa"] = "Page",
        ["POST /login/2fa"] = "Page",
        ["POST /admin/audit"] = "Page",
        ["GET /register"] = "Page",
        ["POST /register"] = "Page",
        // portal-info (issue 11): 信访公开 — read by anyone, edited by administrators within their subtree.
        ["GET /api/public/guides/"] = "Public",
        ["GET /api/public/guides/{code}"] = "Public",
        ["GET /api/admin/guides/{code}/revisions"] = "Admin",
        ["PUT /api/admin/guides/{code}"] = "Admin",
        // wb-documents (issue 13): 机关代字, and the document as PDF (View + RevealPersonalData; OfficialDocumentTests checks its 401/404).
        ["GET /api/petitions/{id:guid}/documents/{kind}.pdf"] = "View",
        // campaigns (issue 14): 治重化积 — the organising bureau's line reads, its staff manage; items through PetitionGuard.
        ["GET /api/campaigns/"] = "Scoped",
        ["POST /api/campaigns/"] = "Scoped",
        ["GET /api/campaigns/{id:guid}"] = "Scoped",
        ["POST /api/campaigns/{id:guid}/entries"] = "Scoped",
        ["POST /api/campaigns/{id:guid}/import"] = "Scoped",
        ["POST /api/campaigns/{id:guid}/entries/{entryId:guid}/progress"] = "Scoped",
        ["POST /api/campaigns/{id:guid}/entries/{entryId:guid}/outcome"] = "Scoped",
        ["GET /api/campaigns/{id:guid}/export"] = "Scoped",
        ["GET /api/campaigns/figures"] = "Staff",
        ["GET /campaigns"] = "Page",
        ["POST /campaigns"] = "Page",
        ["GET /campaigns/{Id:guid}"] = "Page",
        ["POST /campaigns/{Id:guid}"] = "Page",
        ["GET /campaigns/backlog"] = "Page",
        ["POST /campaigns/backlog"] = "Page",
        // cohandling (issue 14): 主办/协办 on an item the caller may see (PetitionAuthorization), figures of the reader's jurisdiction.
        ["GET /api/petitions/{id:guid}/co-handlers/"] = "Scoped",
        ["POST /api/petitions/{id:guid}/co-handlers/"] = "Scoped",
        ["POST /api/petitions/{id:guid}/co-handlers/{taskId:guid}/feedback"] = "Scoped",
        ["POST /api/petitions/{id:guid}/co-handlers/{taskId:guid}/done"] = "Scoped",
        ["POST /api/petitions/{id:guid}/co-handlers/{taskId:guid}/withdraw"] = "Scoped",
        ["POST /api/petitions/{id:guid}/co-handlers/{taskId:guid}/proceed"] = "Scoped",
        ["GET /api/co-handling/figures"] = "Staff",
        ["GET /api/documents/prefixes"] = "Staff",
        ["PUT /api/documents/prefixes/{organizationId:guid}"] = "Admin",
        ["GET /guide"] = "Page",
        ["POST /guide"] = "Page",
        ["GET /guide/{Code}"] = "Page",
        ["POST /guide/{Code}"] = "Page",
        ["GET /guide/law"] = "Page",
        ["POST /guide/law"] = "Page",
        // wb-admin (issue 13): administration pages, the password page and the Chinese status page; the admin API.
        ["GET /account/password"] = "Page",
        ["GET /admin"] = "Page",
        ["GET /admin/calendars"] = "Page",
        ["GET /admin/classifier"] = "Page",
        ["GET /admin/codes"] = "Page",
        ["GET /admin/organizations"] = "Page",
        ["GET /admin/policies"] = "Page",
        ["GET /admin/users"] = "Page",
        ["GET /api/admin/accounts/"] = "Admin",
        ["GET /api/admin/audit/export"] = "Admin",
        ["GET /api/admin/organizations/"] = "Admin",
        ["GET /not-found"] = "Page",
        ["POST /account/password"] = "Page",
        ["POST /admin"] = "Page",
        ["POST /admin/calendars"] = "Page",
        ["POST /admin/classifier"] = "Page",
        ["POST /admin/codes"] = "Page",
        ["POST /admin/organizations"] = "Page",
        ["POST /admin/policies"] = "Page",
        ["POST /admin/users"] = "Page",
        ["POST /api/admin/accounts/"] = "Admin",
        ["POST /api/admin/accounts/{userName}/two-factor-reset"] = "Admin",
        ["PUT /api/admin/accounts/{userName}/roles"] = "Admin", // admin-roles (ADR 0126): the roles a person holds
        ["GET /account/role"] = "Page", // admin-roles (ADR 0126): switch the role acted in
        ["POST /account/role"] = "Page",
        ["POST /api/admin/organizations/"] = "Admin",
        ["POST /api/admin/organizations/{id:guid}/move"] = "Admin",
        ["POST /api/admin/organizations/{id:guid}/merge"] = "Admin", // admin-roles (ADR 0127)
        ["POST /api/admin/organizations/{id:guid}/rename"] = "Admin",
        ["POST /not-found"] = "Page",
        ["GET /admin/guide"] = "Page",
        ["POST /admin/guide"] = "Page",
        ["GET /admin/guide/{Code}"] = "Page",
        ["POST /admin/guide/{Code}"] = "Page",
    };

    private static readonly string[] Kinds = ["Register", "Scoped", "Admin", "Supervision", "Staff", "Public", "Page", "Infrastructure"];

    [Fact]
    public void Every_endpoint_is_classified_and_every_petition_operation_is_in_the_matrix()
    {
        var endpoints = Endpoints();
        var unclassified = endpoints.Where(e => !Classified.ContainsKey(e)).ToList();
        Assert.True(unclassified.Count == 0, "Endpoints without an authorization classification:\n" + string.Join('\n', unclassified));

        var operations = PetitionOperation.All.Select(o => o.Name).ToHashSet();
        foreach (var (endpoint, kind) in Classified)
        {
            foreach (var name in kind.Split(' '))
            {
                Assert.True(Kinds.Contains(name) || operations.Contains(name), $"{endpoint}: '{name}' is neither a kind nor an operation of the matrix");
            }
        }
    }

    [Fact]
    public void The_classification_lists_no_endpoint_that_does_not_exist()
    {
        var endpoints = Endpoints().ToHashSet();
        var stale = Classified.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Classified but not mapped:\n" + string.Join('\n', stale));
    }

    [Fact]
    public async Task Every_staff_api_refuses_an_anonymous_caller()
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var staffApis = Classified.Where(e => e.Key.Contains(" /api/", StringComparison.Ordinal) && e.Value != "Public").Select(e => e.Key).ToList();
        Assert.NotEmpty(staffApis);
        foreach (var endpoint in staffApis)
        {
            var (method, pattern) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:(\w+))?\??\}", m => m.Groups[3].Value switch
            {
                "guid" => Guid.NewGuid().ToString(),
                "int" => "1",
                _ => "x",
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = method is "GET" or "HEAD" ? null
                    // Uploads take multipart forms (a campaign's .xlsx list too): another body is refused by routing (415) before sign-in is asked.
                    : pattern.Contains("/attachments", StringComparison.Ordinal) || pattern.EndsWith("/import", StringComparison.Ordinal) ? new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.png" } }
                    : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Unauthorized, $"{endpoint} answered {(int)response.StatusCode} to an anonymous caller");
        }
    }

    private List<string> Endpoints()
    {
        var sources = fixture.App.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/_", StringComparison.Ordinal) && !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .Distinct()
            .ToList();
    }

    private static string Normalise(string raw) => raw.StartsWith('/') ? raw : "/" + raw;

    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true
        || e.RoutePattern.RawText!.Contains('.', StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("openapi", StringComparison.Ordinal)
            // An API route that ends in a file name (a mediation agreement's .docx) is an endpoint like any other.
            && !Normalise(e.RoutePattern.RawText).StartsWith("/api/", StringComparison.Ordinal);
}
