using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.CoHandling;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Ownership;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Identity;

/// <summary>What a staff member may want to do with a petition: see it, see personal data in full, take an action.</summary>
public sealed class PetitionOperation : OperationAuthorizationRequirement
{
    private static readonly Dictionary<PetitionAction, PetitionOperation> Acts =
        Enum.GetValues<PetitionAction>().ToDictionary(a => a, a => new PetitionOperation(a.ToString(), a));

    private PetitionOperation(string name, PetitionAction? action)
    {
        Name = name;
        Action = action;
    }

    public static PetitionOperation View { get; } = new("View", null);

    /// <summary>Show an ID number, phone or address in full (logged, domain.md §12).</summary>
    public static PetitionOperation RevealPersonalData { get; } = new("RevealPersonalData", null);

    /// <summary>Mark an officer as stepping aside (回避, 条例 Art. 28).</summary>
    public static PetitionOperation RecordRecusal { get; } = new("RecordRecusal", null);

    /// <summary>Record the result of a 回访 after a 不满意 rating (domain.md §8), for the body rated.</summary>
    public static PetitionOperation RecordReturnVisit { get; } = new("RecordReturnVisit", null);

    /// <summary>Give the petitioner a new 查询码 after checking their identity (portal-receipt, docs/security.md).</summary>
    public static PetitionOperation ReissueQueryCode { get; } = new("ReissueQueryCode", null);

    /// <summary>化解情况 recorded after closing (issue 12, stats-reviews): by the body that holds the closed item, or a bureau above it.</summary>
    public static PetitionOperation RecordResolution { get; } = new("RecordResolution", null);

    public PetitionAction? Action { get; }

    public static IReadOnlyList<PetitionOperation> All { get; } = [View, RevealPersonalData, RecordRecusal, RecordReturnVisit, ReissueQueryCode, RecordResolution, .. Acts.Values];

    public static PetitionOperation Act(PetitionAction action) => Acts[action];

    public override string ToString() => Name;
}

/// <summary>The signed-in staff member as the rules see them.</summary>
public sealed record StaffFacts(string UserId, Guid OrganizationId, StaffRole Role)
{
    public static StaffFacts? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && Guid.TryParse(user.FindFirstValue(IdentitySetup.OrganizationClaim), out var org)
        && Enum.TryParse<StaffRole>(user.FindFirstValue(IdentitySetup.RoleClaim), out var role)
        && user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? new StaffFacts(id, org, role)
            : null;
}

/// <summary>
/// "May this staff member do this with this petition" — the one place that decides (domain.md §5, §12):
/// <list type="bullet">
/// <item>a petition bureau sees the items of its jurisdiction (itself and the organisations below it);
/// a unit sees the items forwarded or assigned to it or its sub-units, or registered there; a reviewer
/// sees what reaches its level; a leader (领导) reads the items of their jurisdiction as the bureau
/// does, read-only (no action is theirs: <see cref="ActionsOf"/> gives them none, issue 13), and also
/// the items they own or owned (领导包案, issue 14) wherever those are held; a body named 协办 on an item
/// (主办/协办, issue 14) — and the bodies above it, as for the items it holds — reads that item while the task is
/// not withdrawn, read-only (acting stays with the body that holds the item, the 主办);
/// administrators manage and see no items;</item>
/// <item>the accused unit's staff never see an accusation item (条例 Art. 30 ¶3), and an officer who
/// stepped aside neither sees nor acts (回避, Art. 28);</item>
/// <item>acting needs the role for the action and the organisation that holds the item for it.</item>
/// </list>
/// <see cref="PetitionScope"/> applies the same view rule to queries; a test keeps the two equal.
/// </summary>
public static class PetitionRules
{
    private static readonly PetitionAction[] UnitWork =
    [
        PetitionAction.NotifyReceipt, PetitionAction.RaiseObjection, PetitionAction.Accept, PetitionAction.ChooseRoute,
        PetitionAction.RecordReceipt, PetitionAction.Serve, PetitionAction.ReportCompletion, PetitionAction.Decline,
        PetitionAction.RefuseAgain, PetitionAction.ReportUp, PetitionAction.Forward, PetitionAction.Assign,
    ];

    private static readonly PetitionAction[] BureauWork =
    [
        .. UnitWork.Except([PetitionAction.RaiseObjection, PetitionAction.ReportCompletion, PetitionAction.RecordReceipt]),
        PetitionAction.GuideToPoliticalLegal, PetitionAction.AnswerDirectly, PetitionAction.ApproveObjection,
        PetitionAction.RejectObjection, PetitionAction.Close,
        // A bureau that handles an item itself issues its opinion as it answers directly.
        PetitionAction.Decide,
    ];

    /// <summary>The registering body corrects or voids a mistaken registration while nothing has been done on it.</summary>
    private static readonly PetitionAction[] RegistrationFixes = [PetitionAction.CorrectRegistration, PetitionAction.VoidRegistration];

    /// <summary>
    /// The handler drafts the 处理意见 and asks for an extension; the unit head signs the draft off (or returns
    /// it), approves or refuses the extension (条例 Art. 34), and may issue or extend directly — the head is the signer.
    /// </summary>
    private static readonly PetitionAction[] HandlersSteps = [PetitionAction.DraftDecision, PetitionAction.RequestExtension];

    private static readonly PetitionAction[] HeadsSteps =
    [
        PetitionAction.DraftDecision, PetitionAction.Decide, PetitionAction.SignOffDecision, PetitionAction.ReturnDecision,
        PetitionAction.Extend, PetitionAction.ApproveExtension, PetitionAction.RefuseExtension,
    ];

    private static readonly PetitionAction[] ReviewWork =
    [
        PetitionAction.IssueReviewOpinion, PetitionAction.IssueReReviewOpinion, PetitionAction.RecordHearing, PetitionAction.Close,
    ];

    /// <summary>The petitioner's own steps, which staff may record for them (a rating on the phone, a written 复查 request).</summary>
    private static readonly PetitionAction[] PetitionersSteps =
    [
        PetitionAction.Rate, PetitionAction.RequestReview, PetitionAction.RequestReReview,
    ];

    public static IReadOnlyList<PetitionAction> ActionsOf(StaffRole role) => role switch
    {
        StaffRole.Registrar => [.. BureauWork, .. PetitionersSteps, .. RegistrationFixes],
        StaffRole.Handler => [.. UnitWork, .. PetitionersSteps, .. HandlersSteps, .. RegistrationFixes],
        // 条例 Art. 34: only the head of the unit approves an extension; the head signs the 处理意见 off.
        StaffRole.UnitHead => [.. UnitWork, .. PetitionersSteps, .. HeadsSteps, .. RegistrationFixes],
        StaffRole.Reviewer => [.. ReviewWork, .. PetitionersSteps],
        _ => [],
    };

    /// <summary>
    /// Who may open the registration page: the bureau's registrars, and a unit's handlers and head for
    /// what reaches the unit directly (条例 Arts. 22, 23 ¶1, 44) — the roles that then work on the item.
    /// Supervisors, leaders, reviewers and administrators do not register (domain.md §1); leaders and
    /// administrators could not even open what they registered. The API (POST /api/petitions) asks the
    /// same rule and answers 403 to the others.
    /// </summary>
    /// <summary>
    /// The roles that work on items may have personal data shown in full (ADR 0043), on items they may
    /// see; supervisors, leaders and administrators see it masked, also where it was typed into free
    /// text (lists of items they may see ask this directly).
    /// </summary>
    public static bool MayRevealPersonalData(StaffRole role) => role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead or StaffRole.Reviewer;

    public static bool MayRegister(StaffRole role) => role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead;

    /// <summary>
    /// The rule. <c>ownedByStaff</c>: the staff member owns or owned the item (领导包案), so a leader reads it, read-only, wherever it is held.
    /// <c>coHandledByStaffBody</c>: a task of the item not withdrawn names the staff member's body or one below it as 协办 (issue 14).
    /// </summary>
    public static bool Allows(StaffFacts? staff, Petition petition, PetitionOperation operation, OrganizationDirectory directory, bool ownedByStaff = false, bool coHandledByStaffBody = false)
    {
        if (staff is null || !MayView(staff, petition, directory, ownedByStaff, coHandledByStaffBody))
        {
            return false;
        }

        if (operation == PetitionOperation.View)
        {
            return true;
        }

        if (operation == PetitionOperation.RevealPersonalData)
        {
            return MayRevealPersonalData(staff.Role);
        }

        if (operation == PetitionOperation.RecordRecusal)
        {
            return staff.Role is StaffRole.Registrar or StaffRole.UnitHead
                && (staff.OrganizationId == petition.CurrentOrganizationId || staff.OrganizationId == petition.DispatchingOrganizationId || staff.OrganizationId == petition.RegisteringOrganizationId);
        }

        if (operation == PetitionOperation.ReissueQueryCode)
        {
            // The body the petitioner registered with, or the one that holds the item now: the places a
            // petitioner goes in person. The registrar of a bureau, the head of a unit (as for 回避).
            return staff.Role is StaffRole.Registrar or StaffRole.UnitHead
                && (staff.OrganizationId == petition.RegisteringOrganizationId || staff.OrganizationId == petition.CurrentOrganizationId);
        }

        if (operation == PetitionOperation.RecordReturnVisit)
        {
            // The bodies a petitioner rates (domain.md §8): the bureau that dispatched or registered the
            // item and the unit that handled it; the use case narrows it to the body the visit is owed by.
            return staff.Role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead
                && (staff.OrganizationId == petition.HandlingOrganizationId || staff.OrganizationId == petition.DispatchingOrganizationId || staff.OrganizationId == petition.RegisteringOrganizationId);
        }

        if (operation == PetitionOperation.RecordResolution)
        {
            // stats-reviews: the roles that close (审核认定办结) — in the body that holds the closed item (it
            // closed it, or the sweeper closed it there), or a petition bureau above that body, which answers
            // for the 化解率 of its jurisdiction. The domain refuses an open item or an outcome already recorded.
            var bureau = directory.KindOf(staff.OrganizationId) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting;
            return ActionsOf(staff.Role).Contains(PetitionAction.Close)
                && (staff.OrganizationId == petition.CurrentOrganizationId
                    || (staff.Role == StaffRole.Registrar && bureau && directory.IsWithin(petition.CurrentOrganizationId, staff.OrganizationId)));
        }

        var action = operation.Action!.Value;
        if (!ActionsOf(staff.Role).Contains(action))
        {
            return false;
        }

        var org = staff.OrganizationId;
        return action switch
        {
            // The forwarding bureau verifies an objection (条例 Art. 23 ¶3).
            PetitionAction.ApproveObjection or PetitionAction.RejectObjection => org == petition.DispatchingOrganizationId,
            PetitionAction.Rate or PetitionAction.RequestReview or PetitionAction.RequestReReview =>
                org == petition.CurrentOrganizationId || org == petition.RegisteringOrganizationId,
            // Only the body that registered it, and only while it still holds it (the domain checks nothing was done).
            PetitionAction.CorrectRegistration or PetitionAction.VoidRegistration =>
                org == petition.RegisteringOrganizationId && org == petition.CurrentOrganizationId,
            _ => org == petition.CurrentOrganizationId,
        };
    }

    /// <summary>
    /// Whether a body, as a body, may see the item: the view rule above for its staff (a bureau's as a
    /// bureau's, any other body's as a unit's), the accused rule of Art. 30 ¶3 included. A 督办 notice
    /// or a recommendation about an item is addressed only to such a body (条例 Art. 30 ¶3, 40).
    /// </summary>
    public static bool BodyMayView(Guid organizationId, Petition petition, OrganizationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var role = directory.KindOf(organizationId) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting ? StaffRole.Registrar : StaffRole.Handler;
        return MayView(new StaffFacts(string.Empty, organizationId, role), petition, directory, false, false);
    }

    private static bool MayView(StaffFacts staff, Petition p, OrganizationDirectory directory, bool owned, bool coHandled)
    {
        if (p.IsRecused(staff.UserId) || IsAccusedUnit(staff, p, directory))
        {
            return false;
        }

        // 领导包案 (issue 14): the owning leader reads the item even outside their jurisdiction — never an
        // accusation kept from their body nor one they stepped aside from (checked just above).
        if (owned && staff.Role == StaffRole.Leader)
        {
            return true;
        }

        // 主办/协办 (issue 14): the 协办 body's (and its superiors') staff who read items as a bureau or a unit — after the
        // accusation and 回避 checks above (the domain never names the accused body 协办, Art. 30 ¶3; this holds anyway).
        if (coHandled && ViewerKind(staff, directory) is Viewer.Bureau or Viewer.Unit)
        {
            return true;
        }

        var below = directory.Subtree(staff.OrganizationId);
        return ViewerKind(staff, directory) switch
        {
            Viewer.Bureau => Within(below, p.RegisteringOrganizationId, p.CurrentOrganizationId, p.DispatchingOrganizationId, p.HandlingOrganizationId, p.ReviewOrganizationId, p.ReReviewOrganizationId),
            Viewer.Unit => Within(below, p.RegisteringOrganizationId, p.CurrentOrganizationId, p.HandlingOrganizationId),
            Viewer.Reviewer => Within(below, p.CurrentOrganizationId, p.ReviewOrganizationId, p.ReReviewOrganizationId),
            _ => false,
        };
    }

    /// <summary>Art. 30 ¶3: the accused unit, or any unit under it, is kept away from the accusation (the domain's one rule, <see cref="AccusationRules"/>).</summary>
    private static bool IsAccusedUnit(StaffFacts staff, Petition p, OrganizationDirectory directory) => p.IsKeptFrom(staff.OrganizationId, directory);

    private static bool Within(IReadOnlySet<Guid> organizations, params Guid?[] ids) => ids.Any(id => id is { } g && organizations.Contains(g));

    internal enum Viewer
    {
        None,
        Bureau,
        Unit,
        Reviewer,
    }

    /// <summary>
    /// Whether the role reads items at all: administrators do not (see <see cref="ViewerKind"/>),
    /// so pages built from items (hot spots, the items behind a figure) are not offered to them.
    /// Leaders do, read-only (issue 13).
    /// </summary>
    public static bool ReadsItems(StaffRole role) =>
        role is StaffRole.Registrar or StaffRole.Supervisor or StaffRole.Handler or StaffRole.UnitHead or StaffRole.Reviewer or StaffRole.Leader;

    /// <summary>How a staff member looks at items: by role, and for bureau staff by their body's kind.</summary>
    internal static Viewer ViewerKind(StaffFacts staff, OrganizationDirectory directory) => staff.Role switch
    {
        // A leader (领导) oversees the jurisdiction of their body as its bureau does, and acts on nothing (issue 13).
        StaffRole.Registrar or StaffRole.Supervisor or StaffRole.Leader => directory.KindOf(staff.OrganizationId) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting ? Viewer.Bureau : Viewer.Unit,
        StaffRole.Handler or StaffRole.UnitHead => Viewer.Unit,
        StaffRole.Reviewer => Viewer.Reviewer,
        // Administrators manage, they do not read cases.
        _ => Viewer.None,
    };
}

/// <summary>The view rule of <see cref="PetitionRules"/> as a query filter, for lists and searches.</summary>
public static class PetitionScope
{
    /// <summary>
    /// The filter. <c>ownedByLeader</c>, for a leader: the ids of the items they own or owned (领导包案), readable wherever held.
    /// <c>coHandledBy</c>: the ids of the items whose 协办 tasks (not withdrawn) name the staff member's body or one below it (issue 14).
    /// </summary>
    public static IQueryable<Petition> VisibleTo(this IQueryable<Petition> query, StaffFacts? staff, OrganizationDirectory directory, IQueryable<Guid>? ownedByLeader = null, IQueryable<Guid>? coHandledBy = null)
    {
        if (staff is null)
        {
            return query.Where(_ => false);
        }

        var below = directory.Subtree(staff.OrganizationId).ToList();
        var above = directory.PathFromTop(staff.OrganizationId).ToList();
        var user = staff.UserId;
        query = query.Where(p => !(p.Category == PetitionCategory.Accusation && p.AccusedOrganizationId != null && above.Contains(p.AccusedOrganizationId.Value)))
            .Where(p => !p.Recusals.Any(r => r.UserId == user));
        Expression<Func<Petition, bool>> inScope = PetitionRules.ViewerKind(staff, directory) switch
        {
            PetitionRules.Viewer.Bureau => p => below.Contains(p.RegisteringOrganizationId) || below.Contains(p.CurrentOrganizationId)
                || (p.DispatchingOrganizationId != null && below.Contains(p.DispatchingOrganizationId.Value))
                || (p.HandlingOrganizationId != null && below.Contains(p.HandlingOrganizationId.Value))
                || (p.ReviewOrganizationId != null && below.Contains(p.ReviewOrganizationId.Value))
                || (p.ReReviewOrganizationId != null && below.Contains(p.ReReviewOrganizationId.Value)),
            PetitionRules.Viewer.Unit => p => below.Contains(p.RegisteringOrganizationId) || below.Contains(p.CurrentOrganizationId)
                || (p.HandlingOrganizationId != null && below.Contains(p.HandlingOrganizationId.Value)),
            PetitionRules.Viewer.Reviewer => p => below.Contains(p.CurrentOrganizationId)
                || (p.ReviewOrganizationId != null && below.Contains(p.ReviewOrganizationId.Value))
                || (p.ReReviewOrganizationId != null && below.Contains(p.ReReviewOrganizationId.Value)),
            _ => p => false,
        };
        if (ownedByLeader is not null && staff.Role == StaffRole.Leader)
        {
            // 领导包案: the same rule as PetitionRules.MayView's owned branch (after the accusation and 回避 filters above).
            Expression<Func<Petition, bool>> owned = p => ownedByLeader.Contains(p.Id);
            inScope = Expression.Lambda<Func<Petition, bool>>(
                Expression.OrElse(inScope.Body, new Rebind(owned.Parameters[0], inScope.Parameters[0]).Visit(owned.Body)), inScope.Parameters);
        }

        if (coHandledBy is not null && PetitionRules.ViewerKind(staff, directory) is PetitionRules.Viewer.Bureau or PetitionRules.Viewer.Unit)
        {
            // 主办/协办: the same rule as PetitionRules.MayView's coHandled branch (after the accusation and 回避 filters above).
            Expression<Func<Petition, bool>> coHandled = p => coHandledBy.Contains(p.Id);
            inScope = Expression.Lambda<Func<Petition, bool>>(
                Expression.OrElse(inScope.Body, new Rebind(coHandled.Parameters[0], inScope.Parameters[0]).Visit(coHandled.Body)), inScope.Parameters);
        }

        return query.Where(inScope);
    }

    /// <summary>Puts one lambda's parameter in place of another's, to join two filters with OR.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>
/// The decision on one item for one staff member: <see cref="PetitionRules"/>, and for a refused view the 领导包案 and
/// 协办 tables. Every page, endpoint and job asks it through <see cref="PetitionGuard.MayAsync"/> (no request goes
/// through the framework's authorization pipeline for an item: its per-call context, requirement sets and handler
/// enumeration were a seventh of a lookup's allocations, issue 16).
/// </summary>
public static class PetitionAuthorizationHandler
{
    /// <summary>Whether <paramref name="staff"/> may do <paramref name="requirement"/> on the item (<see cref="PetitionRules"/>).</summary>
    public static async Task<bool> DecideAsync(StaffFacts? staff, Petition resource, PetitionOperation requirement, OrganizationDirectory directory, IServiceScopeFactory scopes)
    {
        var allowed = PetitionRules.Allows(staff, resource, requirement, directory);
        var leaderView = staff is { Role: StaffRole.Leader } && requirement == PetitionOperation.View;
        // 主办/协办 (issue 14): a refused view (or a reveal, which needs the view) of a bureau or unit reader asks the 协办 table.
        var coHandlerView = staff is not null && (requirement == PetitionOperation.View || requirement == PetitionOperation.RevealPersonalData)
            && PetitionRules.ViewerKind(staff, directory) is PetitionRules.Viewer.Bureau or PetitionRules.Viewer.Unit;
        if (!allowed && staff is not null && (leaderView || coHandlerView))
        {
            // Only a view refused by the jurisdiction rule asks these tables (a singleton handler: its own scope).
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            // 领导包案 (issue 14): the owning leader — the current one after a 改派, none after a 撤回.
            var owned = leaderView && await db.Set<CaseOwnership>().AnyAsync(o => o.PetitionId == resource.Id && o.LeaderId == staff.UserId && o.WithdrawnAt == null);
            var below = directory.Subtree(staff.OrganizationId).ToList();
            var coHandled = coHandlerView && await db.Set<CoHandlingTask>().AnyAsync(t => t.PetitionId == resource.Id && t.WithdrawnAt == null && below.Contains(t.OrganizationId));
            allowed = PetitionRules.Allows(staff, resource, requirement, directory, owned, coHandled);
        }

        return allowed;
    }
}

/// <summary>The current request's questions about one petition, asked of <see cref="PetitionAuthorizationHandler.DecideAsync"/>.</summary>
public sealed class PetitionGuard(IServiceScopeFactory scopes, IHttpContextAccessor accessor, OrganizationDirectory directory, Data.AppDbContext db)
{
    private ClaimsPrincipal? _factsOf;
    private StaffFacts? _facts;

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The signed-in staff member's facts, read from the principal once per principal (a request asks several times).</summary>
    public StaffFacts? Staff
    {
        get
        {
            var user = User;
            if (!ReferenceEquals(user, _factsOf))
            {
                _facts = StaffFacts.From(user);
                _factsOf = user;
            }

            return _facts;
        }
    }

    public Task<bool> MayAsync(Petition petition, PetitionOperation operation) =>
        PetitionAuthorizationHandler.DecideAsync(Staff, petition, operation, directory, scopes);

    /// <summary>
    /// The one entry point for pages and endpoints that read items: the items the signed-in staff
    /// member may see (<see cref="PetitionScope"/>, the same rule as <see cref="PetitionRules"/>).
    /// <c>AppDbContext.Petitions</c> is banned in the web project, so no page or endpoint can read
    /// around it by accident.
    /// </summary>
    public IQueryable<Petition> Petitions => PetitionsOn(db);

    /// <summary>
    /// The same scope over another context of the same database: the read replica's (Data/ReadDatabase, ADR 0170), so a
    /// search or a figure's items read there compose with the scope in one query.
    /// </summary>
    public IQueryable<Petition> PetitionsOn(Data.AppDbContext source) =>
        source.PetitionsAcrossDeployment.VisibleTo(Staff, directory, OwnedByLeader(source, Staff), CoHandledBy(source, Staff));

    /// <summary>
    /// The items whose 协办 tasks (not withdrawn) name the staff member's body or one below it (主办/协办, issue 14), for the
    /// readers as a bureau or a unit; null for the others (<see cref="PetitionRules"/>' coHandled branch).
    /// </summary>
    private IQueryable<Guid>? CoHandledBy(Data.AppDbContext source, StaffFacts? staff)
    {
        if (staff is null || PetitionRules.ViewerKind(staff, directory) is not (PetitionRules.Viewer.Bureau or PetitionRules.Viewer.Unit))
        {
            return null;
        }

        var below = directory.Subtree(staff.OrganizationId).ToList();
        return source.Set<CoHandlingTask>().Where(t => t.WithdrawnAt == null && below.Contains(t.OrganizationId)).Select(t => t.PetitionId);
    }

    /// <summary>The items a leader owns or owned to an outcome (领导包案, issue 14): readable wherever held; null for the other roles.</summary>
    private static IQueryable<Guid>? OwnedByLeader(Data.AppDbContext source, StaffFacts? staff)
    {
        if (staff is not { Role: StaffRole.Leader })
        {
            return null;
        }

        var user = staff.UserId;
        // The current leader of each (a 改派 moves LeaderId, so the old leader loses it); a withdrawn 包案 gives none.
        return source.Set<CaseOwnership>().Where(o => o.LeaderId == user && o.WithdrawnAt == null).Select(o => o.PetitionId);
    }

    /// <summary>
    /// What the repeat check at registration may name to the caller (domain.md §12, Art. 19 ¶3): the
    /// items they may see, and across the deployment any other item except an accusation (it may be
    /// against their own body, Art. 30 ¶3) or one they stepped aside from (回避, Art. 28). Those answer
    /// as missing ones. The analysis's repeat table and the 初件 link both read through this. Voided items are left out.
    /// </summary>
    public IQueryable<Petition> PetitionsForRepeatCheck
    {
        get
        {
            // A voided registration (已作废) was never a petition: it is never an 初件 candidate nor a linked 初件.
            var visible = Petitions.Where(p => p.State != PetitionState.Voided);
            var user = Staff?.UserId;
            return user is null
                ? visible
                : db.PetitionsAcrossDeployment.Where(p => p.State != PetitionState.Voided).Where(p => visible.Any(v => v.Id == p.Id)
                    || (p.Category != PetitionCategory.Accusation && !p.Recusals.Any(r => r.UserId == user)));
        }
    }
}
