using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Intake;

/// <summary>
/// 登记: everything received is registered (条例 Art. 22, 44) — letters, visits (with batches and
/// head count; a collective visit with at most 5 representatives), calls, online, fax; one or more
/// petitioners, or anonymous. Only malformed input is refused, with every bad field named.
/// </summary>
public sealed class RegisterPetition(AppDbContext db, CurrentStaff staff, PetitionGuard guard, PetitionNumbers numbers, TimeProvider clock, Deadlines.DeadlineSettings settings, Security.IdempotencyKeys idempotency, IHttpContextAccessor http)
{
    public sealed record PetitionerRequest(string? Name, IdDocumentType? IdType, string? IdNumber, string? Phone, string? Address, string? Workplace, bool IsPrincipal);

    public sealed record Request(
        PetitionForm? Form,
        DateTimeOffset? ReceivedAt,
        string? Title,
        string? Content,
        List<PetitionerRequest>? Petitioners,
        PetitionCategory? Category,
        PetitionPurpose? Purpose,
        bool Anonymous,
        bool Collective,
        int? HeadCount,
        int? VisitBatches,
        int? InvolvedCount,
        bool JointSignature,
        string? ContentClassCode,
        string? IssueLocationCode,
        string? Accused,
        bool Urgent,
        bool LitigationRelated,
        bool WithinDisciplineRemit,
        bool SkippedLevel,
        bool ConsentToPublish,
        Guid? FirstItemId,
        Guid? AccusedOrganizationId = null,
        SkipLevelDestination? SkipLevelDestination = null);

    /// <summary>Which acceptance rule applied at registration, why, and where the petitioner was told to go.</summary>
    public sealed record AppliedRule(string Outcome, string OutcomeName, string? Rule, string Reason, string WhereToGo);

    public sealed record Response(Guid Id, string Number, string QueryCode, AppliedRule? AcceptanceRule, PetitionDetail Petition);

    public const int MaxPetitioners = 200;

    /// <summary>What registering gave: the new item, or every bad field (and nothing saved).</summary>
    public sealed record Outcome(Response? Registered, RequestErrors? Errors);

    /// <summary>
    /// Who registers and where: the signed-in staff member at their own organisation (the API and
    /// <c>/register</c>), or the portal's system actor at the bureau an online petition goes to
    /// (<c>Portal/SubmitPetition</c>). Both go through <see cref="RegisterAtAsync"/> — the same
    /// validation, acceptance rules, encryption and text index.
    /// <c>RevealPersonalData</c>: whether the answer's detail may show personal data (the staff member's right; never
    /// for the portal). <c>Alongside</c>: rows saved in the same commit as the item (the portal's attachments).
    /// <c>AnswerOf</c>: what a keyed request (Idempotency-Key) stores as its answer when not the staff API's.
    /// </summary>
    internal sealed record Registrar(Actor Actor, Guid OrganizationId, bool? RevealPersonalData = null, Action<Petition>? Alongside = null,
        Func<Response, (string Location, object Body)>? AnswerOf = null);

    public async Task<IResult> HandleAsync(Request r, CancellationToken ct)
    {
        // The same rule as the registration page: supervisors, leaders, reviewers and administrators
        // do not register (domain.md §1); checked before anything is read or counted.
        if (!PetitionRules.MayRegister(staff.Role))
        {
            return Answers.Forbidden("本账号的角色不能登记信访件，请由登记人员或承办单位人员登记");
        }

        var outcome = await RegisterAsync(r, ct);
        return outcome.Registered is { } registered
            ? TypedResults.Created($"/api/petitions/{registered.Id}", registered)
            : outcome.Errors!.Problem();
    }

    /// <summary>The API and the registration page (<c>/register</c>) both register here, under the same rules.</summary>
    public Task<Outcome> RegisterAsync(Request r, CancellationToken ct) => RegisterAtAsync(r, new Registrar(staff.Actor, staff.OrganizationId), ct);

    /// <summary>
    /// As <see cref="RegisterAsync(Request, CancellationToken)"/>, with <paramref name="alongside"/> adding rows saved in the
    /// same commit as the item — 领导接访 links a visitor's item to the session it was received at (Reception/ReceptionDesk).
    /// </summary>
    public Task<Outcome> RegisterAsync(Request r, Action<Petition>? alongside, CancellationToken ct) =>
        RegisterAtAsync(r, new Registrar(staff.Actor, staff.OrganizationId, Alongside: alongside), ct);

    /// <summary>Registers <paramref name="r"/> as <paramref name="registrar"/> says: by whom, at which organisation.</summary>
    internal async Task<Outcome> RegisterAtAsync(Request r, Registrar registrar, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = Validate(r, now);
        EarlierItem? earlier = null;
        if (r.FirstItemId is { } firstId)
        {
            earlier = await EarlierAsync(db, guard, firstId, DeadlineTime.LocalDate(now), ct);
            if (earlier is null)
            {
                errors.Add("firstItemId", "初件不存在");
            }
        }

        if (r.AccusedOrganizationId is { } accused && !await db.Organizations.AnyAsync(o => o.Id == accused, ct))
        {
            errors.Add("accusedOrganizationId", "被检举控告的单位不存在，请从组织机构中选择");
        }

        if (errors.Any)
        {
            return new Outcome(null, errors);
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == registrar.OrganizationId, ct);
        // stats-reviews (ADR 0085): 进京/赴省访 only on a visit, and only at the destination's level or below.
        if (SkipLevelRules.Refusal(r.SkipLevelDestination, r.Form!.Value, organization.Level) is { } skipLevel)
        {
            var bad = new RequestErrors();
            bad.Add(SkipLevelRules.Field, skipLevel.Message);
            return new Outcome(null, bad);
        }

        var intake = new PetitionIntake(
            r.Form!.Value,
            r.ReceivedAt ?? now,
            r.Title!,
            r.Content!,
            r.Anonymous ? [] : r.Petitioners!.Select(x => new PetitionerInfo(x.Name, x.IdType ?? IdDocumentType.ResidentIdCard, x.IdNumber, x.Phone, x.Address, x.Workplace, x.IsPrincipal)).ToList(),
            r.Category ?? PetitionCategory.AppealOrDemand,
            r.Purpose ?? PetitionPurpose.Demand,
            r.Anonymous,
            r.Collective,
            r.HeadCount ?? Math.Max(1, r.Petitioners?.Count ?? 1),
            r.VisitBatches ?? 1,
            r.InvolvedCount,
            r.JointSignature,
            r.ContentClassCode,
            r.IssueLocationCode,
            r.Accused,
            r.Urgent,
            r.LitigationRelated,
            r.WithinDisciplineRemit,
            r.SkippedLevel,
            r.ConsentToPublish,
            r.FirstItemId,
            r.AccusedOrganizationId,
            r.SkipLevelDestination);

        // The number first, in a short step of its own (ADR 0156): the counter row is not locked while the item is written.
        var number = await numbers.NextAsync(organization, DeadlineTime.LocalDate(now).Year, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var code = PetitionNumbers.NewQueryCode();
        var petition = Petition.Register(Guid.CreateVersion7(), number, numbers.HashQueryCode(number, code), organization, intake, registrar.Actor, now, settings.PolicyFor(organization.Id), settings.Calendar);
        // Registered first, always (Art. 22, 44); then a rule that applies leads to its recorded outcome.
        // No request field switches the rules off (Arts. 19, 20, 36 ¶3 apply to every registration).
        var finding = AcceptanceRules.Check(intake, organization, earlier);
        if (finding is not null)
        {
            Apply(petition, finding, earlier, registrar.Actor, now);
        }

        db.Add(petition);
        registrar.Alongside?.Invoke(petition);
        // A failed save ends the registration and its transaction rolls back whole, so the savepoint EF would set around
        // the save inside this transaction (two more round trips on PostgreSQL) protects nothing here (issue 16).
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }

        var detail = PetitionDetail.From(petition, DeadlineTime.LocalDate(now), new Dictionary<Guid, string> { [organization.Id] = organization.Name },
            registrar.RevealPersonalData ?? await guard.MayAsync(petition, PetitionOperation.RevealPersonalData));
        var applied = finding is null ? null : new AppliedRule(finding.Outcome.ToString(), Lifecycle.NameOf(finding.Outcome), finding.Rule?.ToString(), finding.Reason, finding.WhereToGo);
        var response = new Response(petition.Id, number, code, applied, detail);
        // A keyed request (Idempotency-Key, or the page's one-time token) stores its answer — the number
        // and the query code the petitioner must be given — in the same commit as the petition, so a
        // crash after the commit cannot make a retry register it again or lose the answer (ADR 0060).
        var (location, answer) = registrar.AnswerOf?.Invoke(response) ?? ($"/api/petitions/{petition.Id}", response);
        await idempotency.StoreAnswerAsync(db, http.HttpContext, StatusCodes.Status201Created, location, answer, ct);
        await tx.CommitAsync(ct);
        Operations.XinfangMetrics.Registration(intake.Form); // xinfang_intake_registered_total on /metrics
        return new Outcome(response, null);
    }

    private static void Apply(Petition petition, AcceptanceFinding finding, EarlierItem? earlier, Actor actor, DateTimeOffset now)
    {
        switch (finding.Outcome)
        {
            case PetitionAction.Decline:
                petition.Decline(finding.Rule!.Value, finding.Reason, finding.WhereToGo, actor, now);
                break;
            case PetitionAction.RefuseAgain:
                petition.RefuseAgain(finding.Rule!.Value, finding.Reason, finding.WhereToGo, actor, now, earlier);
                break;
            default:
                petition.GuideToPoliticalLegal(finding.WhereToGo, finding.Reason, actor, now);
                break;
        }
    }

    /// <summary>
    /// The 初件 as the acceptance rules see it; also read by 不再受理 (Art. 36 ¶3). The repeat link may
    /// reach across the deployment (Art. 19 ¶3, domain.md §12), but never to an item the caller is kept
    /// from — an accusation outside their scope (it may be against their own body, Art. 30 ¶3) or an
    /// item they stepped aside from (回避, Art. 28): those answer exactly as a missing item does (null),
    /// so the answer tells nothing of their existence. The same limits as the repeat table of the analysis.
    /// </summary>
    internal static async Task<EarlierItem?> EarlierAsync(AppDbContext db, PetitionGuard guard, Guid id, DateOnly today, CancellationToken ct)
    {
        var first = await guard.PetitionsForRepeatCheck.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (first is null)
        {
            return null;
        }

        var handlingId = first.HandlingOrganizationId ?? first.CurrentOrganizationId;
        var handling = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == handlingId, ct);
        return new EarlierItem(first.Id, first.Number, first.State, first.ReReviewOpinionServedOn is not null, first.IsOverdueOn(today), handling.Level, handling.Name);
    }

    public static RequestErrors Validate(Request r, DateTimeOffset now)
    {
        var e = new RequestErrors();
        e.Defined(r.Form, "form", "信访形式");
        e.Text(r.Title, "title", "标题", Petition.MaxTitleLength);
        e.Text(r.Content, "content", "诉求内容", Petition.MaxContentLength);
        if (r.Category is { } c && !Enum.IsDefined(c))
        {
            e.Add("category", "信访类别无效");
        }

        if (r.Purpose is { } pu && !Enum.IsDefined(pu))
        {
            e.Add("purpose", "信访目的无效");
        }

        e.Date(r.ReceivedAt, "receivedAt", "收到时间");
        if (r.ReceivedAt is { } received && DateInput.Contains(received) && (received > now || received < now.AddYears(-5)))
        {
            e.Add("receivedAt", "收到时间不能晚于现在，也不能早于五年前");
        }

        if (r.HeadCount is < 1 or > 100_000)
        {
            e.Add("headCount", "人次应在1至100000之间");
        }

        if (r.VisitBatches is < 1 or > 1_000)
        {
            e.Add("visitBatches", "批次应在1至1000之间");
        }

        if (r.InvolvedCount is < 1 or > 10_000_000)
        {
            e.Add("involvedCount", "涉及人数无效");
        }

        e.Text(r.ContentClassCode, "contentClassCode", "内容分类", 12, required: false);
        e.Text(r.Accused, "accused", "被反映人/单位", 200, required: false);
        // 条例 Art. 30 ¶3: an accusation names the accused body from the tree (the domain's rule, checked again at registration).
        if (!AccusationRules.NamesAccusedBody(r.Category ?? PetitionCategory.AppealOrDemand, r.AccusedOrganizationId))
        {
            e.Add("accusedOrganizationId", AccusationRules.AccusedBodyRequired);
        }
        if (r.IssueLocationCode is { Length: > 0 } loc && (loc.Length is not (6 or 9 or 12) || !loc.All(char.IsAsciiDigit)))
        {
            e.Add("issueLocationCode", "问题属地应为6位行政区划代码（乡级9位）");
        }

        var people = r.Petitioners ?? [];
        if (!r.Anonymous && people.Count == 0)
        {
            e.Add("petitioners", "非匿名信访须登记至少一名信访人");
        }

        if (people.Count > MaxPetitioners)
        {
            e.Add("petitioners", $"信访人最多登记{MaxPetitioners}人");
        }

        // 条例 Art. 20 ¶3: a collective visit elects at most 5 representatives; the head count is separate.
        if (r.Collective && r.Form == PetitionForm.Visit && people.Count > Petition.MaxRepresentatives)
        {
            e.Add("petitioners", $"集体访推选的代表不得超过{Petition.MaxRepresentatives}人（《信访工作条例》第二十条第三款），来访人数请填入人次");
        }

        if (r.Collective && r.HeadCount is { } hc && hc < people.Count)
        {
            e.Add("headCount", "人次不能少于登记的代表人数");
        }

        for (var i = 0; i < Math.Min(people.Count, MaxPetitioners); i++)
        {
            var p = people[i];
            var f = $"petitioners[{i}]";
            if (p is null)
            {
                e.Add(f, "信访人信息缺失");
                continue;
            }

            PetitionerFields.Check(e, f, p.Name, p.IdType, p.IdNumber, p.Phone, p.Address, p.Workplace, nameRequired: !r.Anonymous);
        }

        return e;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/", (Request request, RegisterPetition useCase, CancellationToken ct) => useCase.HandleAsync(request, ct))
            .WithName("RegisterPetition").WithSummary("登记信访事项").Produces<Response>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);
}
