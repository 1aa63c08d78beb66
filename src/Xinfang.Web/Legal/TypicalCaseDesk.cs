using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Legal;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Legal;

/// <summary>
/// 典型案例 (issue 14), for the API and the <c>/typical-cases</c> pages: staff draft a case from a resolved item they may
/// see — its text passed through <see cref="PersonalDataInText.Mask"/> — edit it into an anonymised account, and save it
/// only when it names no petitioner, address, ID or phone number (<see cref="TypicalCase.Leaks"/>). It is published on
/// the portal only with the petitioner's recorded consent; staff of the compiling body's jurisdiction read the rest.
/// </summary>
public sealed class TypicalCaseDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    public sealed record CaseRequest(Guid? PetitionId, string? PetitionNumber, string? Title, TypicalCaseKind? Kind, string? Summary, string? Lessons);

    public sealed record EditRequest(string? Title, TypicalCaseKind? Kind, string? Summary, string? Lessons);

    public sealed record ConsentRequest(bool? Consent, DateOnly? ConsentOn);

    public bool MayRecord => staff.IsSignedIn && LegalRules.MayRecord(staff.Role);

    private DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    /// <summary>The starting text: the item's title and content, ID and phone numbers masked; staff remove names and places before saving.</summary>
    public async Task<LegalAnswer<TypicalCaseDraft>> DraftAsync(Guid? petitionId, string? number, CancellationToken ct)
    {
        var errors = LegalRules.ItemFields(new RequestErrors(), petitionId, number);
        if (errors.Any)
        {
            return LegalAnswers.Invalid<TypicalCaseDraft>(errors);
        }

        var item = await LegalRules.FindItemAsync(guard, petitionId, number, ct);
        if (item is null)
        {
            return LegalAnswers.NotFound<TypicalCaseDraft>("信访件");
        }

        return LegalAnswers.Done<TypicalCaseDraft>(new TypicalCaseDraft(item.Id, item.Number, PersonalDataInText.Mask(item.Title), PersonalDataInText.Mask(item.Content)));
    }

    public async Task<LegalAnswer<TypicalCaseView>> CompileAsync(CaseRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<TypicalCaseView>(LegalRules.NotRecording);
        }

        var errors = Texts(LegalRules.ItemFields(new RequestErrors(), r.PetitionId, r.PetitionNumber), r.Title, r.Kind, r.Summary, r.Lessons);
        if (errors.Any)
        {
            return LegalAnswers.Invalid<TypicalCaseView>(errors);
        }

        var item = await LegalRules.FindItemAsync(guard, r.PetitionId, r.PetitionNumber, ct);
        if (item is null)
        {
            return LegalAnswers.NotFound<TypicalCaseView>("信访件");
        }

        if (Leaks(item, r.Title, r.Summary, r.Lessons) is { Any: true } leaks)
        {
            return LegalAnswers.Invalid<TypicalCaseView>(leaks);
        }

        try
        {
            var c = TypicalCase.Compile(Guid.CreateVersion7(), item.Id, item.State, staff.OrganizationId, r.Title!, r.Kind!.Value, r.Summary!, r.Lessons!, staff.Actor, clock.GetUtcNow());
            db.Add(c);
            await audit.SaveAsync(db, AuditActors.Draft(staff, LegalDesk.AuditKind, item.Id.ToString(), item.Number, $"编写典型案例：{c.Title}"), ct);
            return LegalAnswers.Done<TypicalCaseView>(await ViewAsync(c, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return LegalAnswers.Invalid<TypicalCaseView>(e.Field ?? "body", e.Message);
        }
    }

    public async Task<LegalAnswer<TypicalCaseView>> EditAsync(Guid id, EditRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = Texts(new RequestErrors(), r.Title, r.Kind, r.Summary, r.Lessons);
        return await ChangeAsync(id, errors, async c =>
        {
            // The item's petitioners, only to refuse a text naming them (never shown): the item may since have moved out of the editor's view.
            var item = await db.PetitionsAcrossDeployment.AsNoTracking().SingleAsync(p => p.Id == c.PetitionId, ct);
            if (Leaks(item, r.Title, r.Summary, r.Lessons) is { Any: true } leaks)
            {
                return leaks;
            }

            c.Edit(r.Title!, r.Kind!.Value, r.Summary!, r.Lessons!);
            return null;
        }, "修改典型案例", ct);
    }

    public Task<LegalAnswer<TypicalCaseView>> RecordConsentAsync(Guid id, ConsentRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Date(r.ConsentOn, "consentOn", "征求意见日期");
        if (r.Consent is null)
        {
            errors.Add("consent", "请选择信访人是否同意公开");
        }

        return ChangeAsync(id, errors, c =>
        {
            c.RecordConsent(r.Consent!.Value, r.ConsentOn ?? Today, Today);
            return Task.FromResult<RequestErrors?>(null);
        }, r.Consent is true ? "记录信访人同意公开" : "记录信访人不同意公开", ct);
    }

    public Task<LegalAnswer<TypicalCaseView>> PublishAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, new RequestErrors(), c =>
        {
            c.Publish(Today);
            return Task.FromResult<RequestErrors?>(null);
        }, "发布典型案例", ct);

    public Task<LegalAnswer<TypicalCaseView>> WithdrawAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, new RequestErrors(), c =>
        {
            c.Withdraw();
            return Task.FromResult<RequestErrors?>(null);
        }, "撤回典型案例", ct);

    /// <summary>One case, for staff of the compiling body's jurisdiction; null otherwise.</summary>
    public async Task<TypicalCaseView?> FindAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<TypicalCase>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return c is null || !MayRead(c) ? null : await ViewAsync(c, ct);
    }

    /// <summary>The cases compiled in the caller's jurisdiction, newest first (only the published ones when asked).</summary>
    public async Task<IReadOnlyList<TypicalCaseView>> ListAsync(bool publishedOnly, CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return [];
        }

        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        var cases = await db.Set<TypicalCase>().AsNoTracking().Where(c => bodies.Contains(c.OrganizationId) && (!publishedOnly || c.Published))
            .OrderByDescending(c => c.CompiledAt).Take(LegalDesk.MaxListed).ToListAsync(ct);
        return await ViewsAsync(cases, ct);
    }

    /// <summary>The cases written from one item (the item page), for a caller who may see the item.</summary>
    public async Task<IReadOnlyList<TypicalCaseView>> OfItemAsync(Guid petitionId, CancellationToken ct)
    {
        var cases = await db.Set<TypicalCase>().AsNoTracking().Where(c => c.PetitionId == petitionId).OrderBy(c => c.CompiledAt).ToListAsync(ct);
        return await ViewsAsync(cases.Where(MayRead).ToList(), ct);
    }

    /// <summary>
    /// The published cases for the portal's public information (anonymous): texts, kind and publishing body only,
    /// newest first; of one body and those below it when asked. An unpublished case is never here.
    /// </summary>
    public static async Task<IReadOnlyList<PublicTypicalCase>> PublishedAsync(AppDbContext db, OrganizationDirectory directory, Guid? organizationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        var query = db.Set<TypicalCase>().AsNoTracking().Where(c => c.Published && c.Consent == true);
        if (organizationId is { } org)
        {
            var bodies = directory.Subtree(org).ToList();
            query = query.Where(c => bodies.Contains(c.OrganizationId));
        }

        var rows = await query.OrderByDescending(c => c.PublishedOn).ThenBy(c => c.Title).Take(100)
            .Select(c => new { c.Id, c.OrganizationId, c.Title, c.Kind, c.Summary, c.Lessons, c.PublishedOn }).ToListAsync(ct);
        var orgs = rows.Select(r => r.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgs.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(r => new PublicTypicalCase(r.Id, names.GetValueOrDefault(r.OrganizationId, string.Empty), r.Title, TypicalCase.NameOf(r.Kind), r.Summary, r.Lessons, r.PublishedOn!.Value)).ToList();
    }

    public bool MayChange(TypicalCaseView c) => c is not null && MayRecord && directory.IsWithin(c.OrganizationId, staff.OrganizationId);

    private bool MayRead(TypicalCase c) => staff.IsSignedIn && directory.IsWithin(c.OrganizationId, staff.OrganizationId);

    private static RequestErrors Texts(RequestErrors errors, string? title, TypicalCaseKind? kind, string? summary, string? lessons)
    {
        errors.Text(title, "title", "案例标题", TypicalCase.MaxTitleLength)
            .Text(summary, "summary", "案情摘要", TypicalCase.MaxSummaryLength)
            .Text(lessons, "lessons", "经验启示", TypicalCase.MaxLessonsLength)
            .Defined(kind, "kind", "案例类别");
        if (kind is null)
        {
            errors.Add("kind", "请选择案例类别");
        }

        return errors;
    }

    /// <summary>domain.md §12: a typical case is anonymised — each text naming the item's petitioner, address, ID or phone is refused.</summary>
    private static RequestErrors Leaks(Petition item, string? title, string? summary, string? lessons)
    {
        var names = item.Petitioners.Select(p => p.Name).ToList();
        var addresses = item.Petitioners.Select(p => p.Address).ToList();
        var errors = new RequestErrors();
        foreach (var (field, text) in new[] { ("title", title), ("summary", summary), ("lessons", lessons) })
        {
            if (TypicalCase.Leaks(text, names, addresses) is { Count: > 0 } found)
            {
                errors.Add(field, $"典型案例须隐去个人信息，请删除其中的{string.Join("、", found)}");
            }
        }

        return errors;
    }

    private async Task<LegalAnswer<TypicalCaseView>> ChangeAsync(Guid id, RequestErrors errors, Func<TypicalCase, Task<RequestErrors?>> change, string summary, CancellationToken ct)
    {
        var c = await db.Set<TypicalCase>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !MayRead(c))
        {
            return LegalAnswers.NotFound<TypicalCaseView>("典型案例");
        }

        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<TypicalCaseView>(LegalRules.NotRecording);
        }

        if (errors.Any)
        {
            return LegalAnswers.Invalid<TypicalCaseView>(errors);
        }

        try
        {
            if (await change(c) is { } refused)
            {
                db.ChangeTracker.Clear();
                return LegalAnswers.Invalid<TypicalCaseView>(refused);
            }

            await audit.SaveAsync(db, AuditActors.Draft(staff, LegalDesk.AuditKind, c.Id.ToString(), null, $"{summary}：{c.Title}"), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is null ? LegalAnswers.Conflict<TypicalCaseView>(e.Message) : LegalAnswers.Invalid<TypicalCaseView>(e.Field, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LegalAnswers.Conflict<TypicalCaseView>("该典型案例已被他人修改，请刷新后重试");
        }

        return LegalAnswers.Done<TypicalCaseView>(await ViewAsync(c, ct));
    }

    private async Task<TypicalCaseView> ViewAsync(TypicalCase c, CancellationToken ct) => (await ViewsAsync([c], ct))[0];

    private async Task<IReadOnlyList<TypicalCaseView>> ViewsAsync(List<TypicalCase> cases, CancellationToken ct)
    {
        var items = cases.Select(c => c.PetitionId).Distinct().ToList();
        // The item's number only where the reader may see the item.
        var numbers = await guard.Petitions.AsNoTracking().Where(p => items.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Number, ct);
        var orgs = cases.Select(c => c.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgs.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return cases.Select(c => TypicalCaseView.From(c, numbers.GetValueOrDefault(c.PetitionId), names.GetValueOrDefault(c.OrganizationId, string.Empty))).ToList();
    }
}
