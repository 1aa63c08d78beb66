using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Authorization;

/// <summary>
/// Every role × relation to the item × operation, against a table written down here as the
/// specification (domain.md §1, §5, §12) — not computed from the rules it checks.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    public enum Relation
    {
        Own,
        Higher,
        Other,
        Accused,
        None,
    }

    private const string UnitWork = "View RevealPersonalData NotifyReceipt RaiseObjection RecordReceipt Accept ChooseRoute Serve ReportCompletion Decline RefuseAgain ReportUp Forward Assign Rate RequestReview RequestReReview RecordReturnVisit";

    /// <summary>What each role may do, by its relation to the item. Anything not listed is denied.</summary>
    private static readonly Dictionary<(StaffRole, Relation), string> Allowed = new()
    {
        // The dispatching bureau, the item being at the unit: it verifies objections, records the petitioner's steps and recusals.
        // RecordResolution (stats-reviews): a 化解情况 after closing, by the bureau above the body holding the item (the domain refuses an open item).
        [(StaffRole.Registrar, Relation.Own)] = "View RevealPersonalData ApproveObjection RejectObjection Rate RequestReview RequestReReview RecordRecusal RecordReturnVisit ReissueQueryCode RecordResolution",
        [(StaffRole.Registrar, Relation.Higher)] = "View RevealPersonalData RecordResolution",
        [(StaffRole.Supervisor, Relation.Own)] = "View",
        [(StaffRole.Supervisor, Relation.Higher)] = "View",
        // The unit holding the item; only its head extends (Art. 34).
        // The handler drafts the 处理意见 and asks for an extension; the head signs off, approves, and may issue or extend directly (issue 13).
        [(StaffRole.Handler, Relation.Own)] = UnitWork + " DraftDecision RequestExtension",
        [(StaffRole.Handler, Relation.Higher)] = "View RevealPersonalData",
        [(StaffRole.UnitHead, Relation.Own)] = UnitWork + " DraftDecision Decide SignOffDecision ReturnDecision Extend ApproveExtension RefuseExtension RecordRecusal ReissueQueryCode",
        [(StaffRole.UnitHead, Relation.Higher)] = "View RevealPersonalData",
        // The 复查 body holding the item.
        [(StaffRole.Reviewer, Relation.Own)] = "View RevealPersonalData IssueReviewOpinion IssueReReviewOpinion RecordHearing Close Rate RequestReview RequestReReview RecordResolution",
        [(StaffRole.Reviewer, Relation.Higher)] = "View RevealPersonalData",
        // A leader reads their jurisdiction's items, read-only (issue 13): seeing, nothing more, and personal data masked.
        [(StaffRole.Leader, Relation.Own)] = "View",
        [(StaffRole.Leader, Relation.Higher)] = "View",
        // Administrators manage, they do not read cases. Other, accused and unrelated units: nothing.
    };

    public static TheoryData<StaffRole, Relation> Cells()
    {
        var data = new TheoryData<StaffRole, Relation>();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            foreach (var relation in Enum.GetValues<Relation>())
            {
                data.Add(role, relation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_and_relation_may_do_exactly_what_the_table_says(StaffRole role, Relation relation)
    {
        var (directory, orgs) = await DirectoryAsync();
        var item = role == StaffRole.Reviewer ? UnderReview(orgs, directory.Tree) : AtUnit(orgs);
        var organization = OrganizationOf(role, relation, orgs);
        var staff = new StaffFacts("matrix-user", organization, role);
        var expected = (Allowed.GetValueOrDefault((role, relation)) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        var actual = PetitionOperation.All.Where(op => PetitionRules.Allows(staff, item, op, directory)).Select(op => op.Name).ToHashSet();

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public async Task An_officer_who_stepped_aside_may_do_nothing_with_the_item_Art_28()
    {
        var (directory, orgs) = await DirectoryAsync();
        var item = AtUnit(orgs);
        item.RecordRecusal("matrix-user", "张承办", "与信访人系近亲属", new Actor("r", "王登记", orgs["330106XFJ"]), Now);
        var staff = new StaffFacts("matrix-user", orgs["330106ZJJ"], StaffRole.UnitHead);
        Assert.DoesNotContain(PetitionOperation.All, op => PetitionRules.Allows(staff, item, op, directory));
        Assert.True(PetitionRules.Allows(staff with { UserId = "colleague" }, item, PetitionOperation.View, directory));
    }

    [Fact]
    public async Task The_query_filter_and_the_rule_agree_on_what_each_staff_member_sees()
    {
        var (directory, orgs) = await DirectoryAsync();
        var recused = AtUnit(orgs, accusation: false);
        recused.RecordRecusal("u-ZJJ-Handler", "张承办", "利害关系", new Actor("r", "王登记", orgs["330106XFJ"]), Now);
        var items = new[] { AtUnit(orgs), AtUnit(orgs, accusation: false), UnderReview(orgs, directory.Tree), recused, Registered(orgs["330106XFJ"], accused: orgs["330106RSJ"]),
            // An accusation against the district bureau itself: every body under it is kept away (Art. 30 ¶3), the city bureau above sees it.
            Registered(orgs["330100XFJ"], accused: orgs["330106XFJ"]) };
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            foreach (var org in orgs.Values)
            {
                var staff = new StaffFacts($"u-{orgs.Single(o => o.Value == org).Key[6..]}-{role}", org, role);
                var byRule = items.Where(p => PetitionRules.Allows(staff, p, PetitionOperation.View, directory)).Select(p => p.Id).ToHashSet();
                var byQuery = items.AsQueryable().VisibleTo(staff, directory).Select(p => p.Id).ToHashSet();
                Assert.True(byRule.SetEquals(byQuery), $"{role} at {org}: rule {byRule.Count}, query {byQuery.Count}");
                // The work list (API and /workbench) is built on the same scoped source: it lists nothing the rule hides.
                var byWorkList = Casework.WorkList.Query(items.AsQueryable().VisibleTo(staff, directory), org, null, null).Select(p => p.Id).ToHashSet();
                Assert.True(byWorkList.IsSubsetOf(byRule), $"{role} at {org}: the work list shows what the rule hides");
            }
        }
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private async Task<(OrganizationDirectory, Dictionary<string, Guid>)> DirectoryAsync()
    {
        var app = fixture.App;
        var orgs = await app.WithDbAsync(db => db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id));
        return (app.Services.GetRequiredService<OrganizationDirectory>(), orgs);
    }

    private static Guid OrganizationOf(StaffRole role, Relation relation, Dictionary<string, Guid> orgs) => relation switch
    {
        Relation.Own => orgs[role switch
        {
            StaffRole.Handler or StaffRole.UnitHead => "330106ZJJ",
            StaffRole.Reviewer => "330100ZJJ",
            _ => "330106XFJ",
        }],
        Relation.Higher => orgs["330100XFJ"],
        Relation.Other => orgs["330110ZJJ"],
        Relation.Accused => orgs["330106RSJ"],
        _ => orgs["330203ZJJ"],
    };

    private static Organization Org(Dictionary<string, Guid> orgs, string code, OrganizationLevel level, OrganizationKind kind) =>
        new(orgs[code], code, code, code[..6], level, kind, null);

    private static Petition Registered(Guid bureau, bool accusation = true, Guid? accused = null)
    {
        var intake = new PetitionIntake(PetitionForm.Letter, Now, "举报某科长", "检举材料", [new PetitionerInfo("举报人", Address: "杭州")],
            Category: accusation ? PetitionCategory.Accusation : PetitionCategory.AppealOrDemand, AccusedOrganizationId: accusation ? accused : null);
        return Petition.Register(Guid.NewGuid(), "M-2026-000001", "h", new Organization(bureau, "B", "B", "330106", OrganizationLevel.County, OrganizationKind.PetitionBureau, null),
            intake, new Actor("r", "王登记", bureau), Now, DeadlinePolicy.National, WorkingCalendar.MondayToFriday);
    }

    /// <summary>An accusation against 西湖区人社局, registered at 西湖区信访局, forwarded to 西湖区住建局 and being handled there.</summary>
    private static Petition AtUnit(Dictionary<string, Guid> orgs, bool accusation = true)
    {
        var p = Registered(orgs["330106XFJ"], accusation, orgs["330106RSJ"]);
        var unit = Org(orgs, "330106ZJJ", OrganizationLevel.County, OrganizationKind.ResponsibleUnit);
        var officer = new Actor("h", "张承办", unit.Id);
        p.Forward(unit, new OrganizationTree([]), null, new Actor("r", "王登记", orgs["330106XFJ"]), Now.AddDays(1));
        p.Accept(officer, Now.AddDays(2));
        p.ChooseRoute(HandlingRoute.Investigate, null, officer, Now.AddDays(2));
        return p;
    }

    /// <summary>The same item answered and under 复查 at 杭州市住建局.</summary>
    private static Petition UnderReview(Dictionary<string, Guid> orgs, OrganizationTree tree)
    {
        var p = AtUnit(orgs);
        var officer = new Actor("h", "张承办", orgs["330106ZJJ"]);
        p.Decide(DecisionOutcome.NotSupport, "请求", "事实", "理由", "依据", officer, Now.AddDays(10));
        p.Serve(ServiceMethod.InPerson, DeadlineTime.LocalDate(Now.AddDays(11)), true, null, officer, Now.AddDays(11));
        p.RequestReview(tree.Find(orgs["330100ZJJ"])!, tree, "不服", Actor.Petitioner(p.CurrentOrganizationId), Now.AddDays(12));
        return p;
    }
}
