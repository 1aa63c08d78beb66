using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Campaigns;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Campaigns;

/// <summary>
/// The use cases of 治重化积 campaigns (ADR 0130), for the API and the <c>/campaigns</c> pages alike. Who: the staff of a
/// petition bureau (登记、督查、管理员) create campaigns of their bureau and manage their lists (entries, import, outcome);
/// the owning unit's staff record progress on its entries; everybody of the bureau's jurisdiction (its subtree) and
/// above it reads. Items are read only through <see cref="PetitionGuard"/>: an entry about an item the reader may not
/// see shows neither its number nor its matter.
/// </summary>
public sealed class CampaignDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind, named 治重化积专项工作 on the audit page.</summary>
    public const string AuditKind = "Campaign";

    public const int MaxListed = 200;

    public sealed record CreateRequest(string? Name, CampaignKind? Kind, DateOnly? StartsOn, DateOnly? EndsOn);

    public sealed record EntryRequest(CampaignSource? Source, string? PetitionNumber, string? Matter, string? Owner, string? Leader, string? Plan, DateOnly? DueOn);

    public sealed record ProgressRequest(string? Text, DateOnly? On);

    public sealed record OutcomeRequest(CampaignOutcome? Outcome, DateOnly? On, string? Reason);

    private static readonly StaffRole[] BureauRoles = [StaffRole.Registrar, StaffRole.Supervisor, StaffRole.Administrator];

    /// <summary>Creates campaigns: the staff of a petition bureau (not of a unit).</summary>
    public bool MayCreate => staff.IsSignedIn && BureauRoles.Contains(staff.Role) && directory.KindOf(staff.OrganizationId) == OrganizationKind.PetitionBureau;

    private DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    public async Task<IReadOnlyList<CampaignSummaryView>> ListAsync(CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return [];
        }

        // Campaigns of the reader's own line: their bureau, the bureaus above (a provincial list reaches the county) and below.
        var below = directory.Subtree(staff.OrganizationId).ToList();
        var above = directory.PathFromTop(staff.OrganizationId).ToList();
        var campaigns = await db.Set<Campaign>().AsNoTracking()
            .Where(c => below.Contains(c.OrganizationId) || above.Contains(c.OrganizationId))
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name).Take(MaxListed).ToListAsync(ct);
        var names = await NamesAsync(campaigns.Select(c => c.OrganizationId), ct);
        var today = Today;
        return campaigns.Select(c => new CampaignSummaryView(c.Id, c.Name, c.Kind.ToString(), Campaign.NameOf(c.Kind), c.OrganizationId,
            names.GetValueOrDefault(c.OrganizationId, string.Empty), c.StartsOn, c.EndsOn, Count("total", "合计", c.Entries, today))).ToList();
    }

    public async Task<CampaignOutcomeResult> CreateAsync(CreateRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayCreate)
        {
            return CampaignOutcomeResult.Forbidden("只有信访部门的登记、督查人员或管理员可以建立专项工作");
        }

        var errors = new RequestErrors()
            .Text(r.Name, "name", "专项工作名称", Campaign.MaxNameLength)
            .Defined(r.Kind, "kind", "专项工作类型")
            .Date(r.StartsOn, "startsOn", "开始日期")
            .Date(r.EndsOn, "endsOn", "结束日期（化解期限）");
        if (r.StartsOn is null)
        {
            errors.Add("startsOn", "请填写开始日期");
        }

        if (r.EndsOn is null)
        {
            errors.Add("endsOn", "请填写结束日期（化解期限）");
        }

        if (errors.Any)
        {
            return CampaignOutcomeResult.Invalid(errors);
        }

        try
        {
            var campaign = Campaign.Create(Guid.CreateVersion7(), r.Name!, r.StartsOn!.Value, r.EndsOn!.Value, staff.Actor, clock.GetUtcNow(), r.Kind!.Value);
            db.Add(campaign);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, campaign.Id.ToString(), null, $"建立专项工作：{campaign.Name}"), ct);
            return CampaignOutcomeResult.Done(await ViewAsync(campaign, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return CampaignOutcomeResult.Invalid(new RequestErrors().Add(e.Field ?? "name", e.Message));
        }
    }

    public async Task<CampaignView?> FindAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null || !MayRead(campaign) ? null : await ViewAsync(campaign, ct);
    }

    /// <summary>One entry typed on the page or posted to the API: checked as an imported row is, so both take the same entries.</summary>
    public async Task<CampaignOutcomeResult> AddEntryAsync(Guid id, EntryRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors()
            .Text(r.PetitionNumber, "petitionNumber", "信访件编号", 40, required: false)
            .Text(r.Matter, "matter", "事项摘要", CampaignEntry.MaxTextLength, required: false)
            .Text(r.Owner, "owner", "责任单位", CampaignEntry.MaxOwnerLength, required: false)
            .Text(r.Leader, "leader", "包案领导", CampaignEntry.MaxOwnerLength, required: false)
            .Text(r.Plan, "plan", "化解方案", CampaignEntry.MaxTextLength)
            .Defined(r.Source, "source", "来源")
            .Date(r.DueOn, "dueOn", "化解期限");
        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写化解期限");
        }

        var row = new CampaignRow(1, r.Source is { } s && Enum.IsDefined(s) ? Campaign.NameOf(s) : null, r.PetitionNumber, r.Matter, r.Owner, r.Plan,
            r.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Leader);
        return await AddRowsAsync(id, [row], errors, single: true, ct);
    }

    /// <summary>An .xlsx list: every row checked, every fault reported by row; any fault takes nothing.</summary>
    public async Task<CampaignOutcomeResult> ImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (file is null || file.Length == 0)
        {
            return await AddRowsAsync(id, [], errors.Add("file", "请选择要导入的 .xlsx 文件"), single: false, ct);
        }

        if (file.Length > CampaignSheets.MaxBytes)
        {
            return await AddRowsAsync(id, [], errors.Add("file", $"文件不能超过{CampaignSheets.MaxBytes / 1024 / 1024}MB"), single: false, ct);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var (rows, fault) = CampaignSheets.Read(buffer);
        if (fault is not null)
        {
            errors.Add("file", fault);
        }

        return await AddRowsAsync(id, rows, errors, single: false, ct);
    }

    public Task<CampaignOutcomeResult> RecordProgressAsync(Guid id, Guid entryId, ProgressRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Text, "text", "进展情况", CampaignEntry.MaxTextLength).Date(r.On, "on", "进展日期");
        if (r.On is null)
        {
            errors.Add("on", "请填写进展日期");
        }
        else if (r.On > Today)
        {
            errors.Add("on", "进展日期不能晚于今天");
        }

        return ChangeEntryAsync(id, entryId, errors, outcome: false, (c, e) => e.RecordProgress(r.Text!, r.On!.Value, Today, staff.ActingName, clock.GetUtcNow()), $"记录进展", ct);
    }

    public Task<CampaignOutcomeResult> RecordOutcomeAsync(Guid id, Guid entryId, OutcomeRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Defined(r.Outcome, "outcome", "化解结果").Date(r.On, "on", "结果日期")
            .Text(r.Reason, "reason", "原因说明", CampaignEntry.MaxTextLength, required: r.Outcome == CampaignOutcome.Unresolved);
        if (r.On is null)
        {
            errors.Add("on", "请填写结果日期");
        }
        else if (r.On > Today)
        {
            errors.Add("on", "结果日期不能晚于今天");
        }

        return ChangeEntryAsync(id, entryId, errors, outcome: true, (c, e) => e.RecordOutcome(r.Outcome!.Value, r.On!.Value, Today, r.Reason, clock.GetUtcNow()),
            $"记录化解结果：{(r.Outcome is { } o && Enum.IsDefined(o) ? Campaign.NameOf(o) : string.Empty)}", ct);
    }

    /// <summary>Whether an item is flagged 积案 (the petition page's badge, the backlog list); nothing about the item is read.</summary>
    public static Task<bool> IsBacklogAsync(AppDbContext db, Guid petitionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<BacklogFlag>().AsNoTracking().AnyAsync(f => f.PetitionId == petitionId, ct);
    }

    /// <summary>The items flagged 积案 that the reader may see (through the guard), newest flag first.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Number, string Title, DateTimeOffset FlaggedAt, string Reason)>> BacklogAsync(CancellationToken ct)
    {
        var rows = await (from f in db.Set<BacklogFlag>().AsNoTracking()
                          join p in guard.Petitions.AsNoTracking() on f.PetitionId equals p.Id
                          orderby f.FlaggedAt descending
                          select new { p.Id, p.Number, p.Title, f.FlaggedAt, f.Reason }).Take(MaxListed).ToListAsync(ct);
        return rows.Select(x => (x.Id, x.Number, x.Title, x.FlaggedAt, x.Reason)).ToList();
    }

    private bool MayRead(Campaign c) => staff.IsSignedIn && (directory.IsWithin(staff.OrganizationId, c.OrganizationId) || directory.IsWithin(c.OrganizationId, staff.OrganizationId));

    /// <summary>The organising bureau's 登记/督查/管理员; an administrator above it within its jurisdiction.</summary>
    private bool MayManage(Campaign c) =>
        MayRead(c) && BureauRoles.Contains(staff.Role)
        && (staff.OrganizationId == c.OrganizationId || (staff.Role == StaffRole.Administrator && directory.IsWithin(c.OrganizationId, staff.OrganizationId)));

    /// <summary>Progress: those who manage the list, and the staff of the owning unit (or a body below it).</summary>
    private bool MayRecordProgress(Campaign c, CampaignEntry e) =>
        MayManage(c) || (MayRead(c) && e.OwnerOrganizationId is { } unit && directory.IsWithin(staff.OrganizationId, unit));

    private async Task<CampaignOutcomeResult> AddRowsAsync(Guid id, IReadOnlyList<CampaignRow> rows, RequestErrors errors, bool single, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !MayRead(campaign))
        {
            return CampaignOutcomeResult.NotFound;
        }

        if (!MayManage(campaign))
        {
            return CampaignOutcomeResult.Forbidden("只有组织专项工作的信访部门可以增加清单条目");
        }

        if (errors.Any)
        {
            return CampaignOutcomeResult.Invalid(errors);
        }

        // Items by number, only those the importer may see (an unknown and a hidden number read alike: 不存在或无权查看).
        var numbers = rows.Select(r => r.PetitionNumber?.Trim()).OfType<string>().Where(n => n.Length is > 0 and <= 40).Distinct().ToList();
        var items = await guard.Petitions.AsNoTracking().Where(p => numbers.Contains(p.Number))
            .Select(p => new { p.Id, p.Number, p.Title }).ToDictionaryAsync(p => p.Number, p => (p.Id, p.Title), StringComparer.Ordinal, ct);
        var owners = rows.Select(r => r.Owner?.Trim()).OfType<string>().Distinct().ToList();
        var jurisdiction = directory.Subtree(campaign.OrganizationId).ToList();
        var units = (await db.Organizations.AsNoTracking().Where(o => owners.Contains(o.Name)).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Where(o => jurisdiction.Contains(o.Id)).GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var already = campaign.Entries.Select(e => e.PetitionNumber).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var (entries, rowErrors) = CampaignImport.Check(campaign, rows,
            n => items.TryGetValue(n, out var i) ? i : null,
            name => units.TryGetValue(name, out var u) ? u : null);
        var repeated = rows.Where(r => r.PetitionNumber?.Trim() is { Length: > 0 } n && already.Contains(n)).ToList();
        if (rowErrors.Count > 0 || repeated.Count > 0)
        {
            var bad = new RequestErrors();
            foreach (var e in rowErrors)
            {
                bad.Add(single ? FieldOf(e.Message) : $"row{e.RowNumber}", single ? e.Message : e.ToString());
            }

            foreach (var r in repeated)
            {
                var message = $"信访件编号{r.PetitionNumber!.Trim()}已在本专项工作清单中";
                bad.Add(single ? "petitionNumber" : $"row{r.RowNumber}", single ? message : new CampaignRowError(r.RowNumber, message).ToString());
            }

            return CampaignOutcomeResult.Invalid(bad);
        }

        try
        {
            campaign.AddEntries(entries);
            if (campaign.FlagsBacklog)
            {
                // 积案: each item of a backlog list is flagged once (its own row keyed by the item, ADR 0130).
                var ids = entries.Select(e => e.PetitionId).OfType<Guid>().ToList();
                var flagged = await db.Set<BacklogFlag>().Where(f => ids.Contains(f.PetitionId)).Select(f => f.PetitionId).ToListAsync(ct);
                db.AddRange(ids.Except(flagged).Select(p => BacklogFlag.Of(p, campaign.Id, $"列入{campaign.Name}", staff.Actor, clock.GetUtcNow())));
            }

            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, campaign.Id.ToString(), null,
                single ? $"增加清单条目：{campaign.Name}" : $"导入专项工作清单{entries.Count}条：{campaign.Name}"), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null ? CampaignOutcomeResult.Invalid(new RequestErrors().Add(e.Field, e.Message)) : CampaignOutcomeResult.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CampaignOutcomeResult.Conflict("该专项工作已被他人修改，请刷新后重试");
        }

        return CampaignOutcomeResult.Done(await ViewAsync(campaign, ct));
    }

    private static string FieldOf(string message) =>
        message.StartsWith("来源", StringComparison.Ordinal) ? "source"
        : message.StartsWith("信访件编号", StringComparison.Ordinal) ? "petitionNumber"
        : message.Contains("责任", StringComparison.Ordinal) ? "owner"
        : message.Contains("包案领导", StringComparison.Ordinal) ? "leader"
        : message.Contains("方案", StringComparison.Ordinal) ? "plan"
        : message.Contains("期限", StringComparison.Ordinal) ? "dueOn"
        : "matter";

    private async Task<CampaignOutcomeResult> ChangeEntryAsync(Guid id, Guid entryId, RequestErrors errors, bool outcome, Action<Campaign, CampaignEntry> change, string summary, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        var entry = campaign?.Entries.SingleOrDefault(e => e.Id == entryId);
        if (campaign is null || entry is null || !MayRead(campaign))
        {
            return CampaignOutcomeResult.NotFound;
        }

        if (outcome ? !MayManage(campaign) : !MayRecordProgress(campaign, entry))
        {
            return CampaignOutcomeResult.Forbidden(outcome ? "化解结果由组织专项工作的信访部门认定" : "只有责任单位或组织专项工作的信访部门可以记录进展");
        }

        if (entry.PetitionId is { } item && !await guard.Petitions.AnyAsync(p => p.Id == item, ct))
        {
            return CampaignOutcomeResult.Forbidden("该条涉及的信访件不在您的查看范围内");
        }

        if (errors.Any)
        {
            return CampaignOutcomeResult.Invalid(errors);
        }

        try
        {
            change(campaign, entry);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, campaign.Id.ToString(), null, $"{summary}：{campaign.Name}"), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null ? CampaignOutcomeResult.Invalid(new RequestErrors().Add(e.Field, e.Message)) : CampaignOutcomeResult.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CampaignOutcomeResult.Conflict("该专项工作已被他人修改，请刷新后重试");
        }

        return CampaignOutcomeResult.Done(await ViewAsync(campaign, ct));
    }

    private async Task<CampaignView> ViewAsync(Campaign c, CancellationToken ct)
    {
        var today = Today;
        var linked = c.Entries.Select(e => e.PetitionId).OfType<Guid>().Distinct().ToList();
        var visible = (await guard.Petitions.AsNoTracking().Where(p => linked.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var names = await NamesAsync(c.Entries.Select(e => e.OwnerOrganizationId).OfType<Guid>().Append(c.OrganizationId), ct);
        var manage = MayManage(c);
        var entries = c.Entries.Select(e =>
        {
            var hidden = e.PetitionId is { } p && !visible.Contains(p);
            return new CampaignEntryView(e.Id, e.Source.ToString(), Campaign.NameOf(e.Source), hidden ? null : e.PetitionId, hidden ? null : e.PetitionNumber, hidden,
                hidden ? "（该信访件不在您的查看范围内）" : e.Matter, e.Owner, e.Leader, e.OwnerOrganizationId, hidden ? string.Empty : e.Plan, e.DueOn, e.IsOverdueOn(today),
                hidden ? [] : e.Notes.Select(n => new CampaignNoteView(n.Text, n.On, n.By, n.RecordedAt)).ToList(),
                e.Outcome?.ToString(), e.Outcome is { } o ? Campaign.NameOf(o) : null, e.OutcomeOn, hidden ? null : e.OutcomeReason,
                !hidden && MayRecordProgress(c, e));
        }).OrderBy(e => e.DueOn).ThenBy(e => e.Owner, StringComparer.Ordinal).ToList();
        var bySource = Enum.GetValues<CampaignSource>().Select(s => Count(s.ToString(), Campaign.NameOf(s), c.Entries.Where(e => e.Source == s), today)).ToList();
        var byUnit = c.Entries.GroupBy(e => e.OwnerOrganizationId?.ToString() ?? e.Owner)
            .Select(g => Count(g.Key, g.First().OwnerOrganizationId is { } u ? names.GetValueOrDefault(u, g.First().Owner) : g.First().Owner, g, today))
            .OrderByDescending(r => r.Entries).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new CampaignView(c.Id, c.Name, c.Kind.ToString(), Campaign.NameOf(c.Kind), c.OrganizationId, names.GetValueOrDefault(c.OrganizationId, string.Empty),
            c.StartsOn, c.EndsOn, c.CreatedBy, c.CreatedAt, manage, Count("total", "合计", c.Entries, today), bySource, byUnit, entries);
    }

    internal static CampaignProgress Count(string key, string name, IEnumerable<CampaignEntry> entries, DateOnly today)
    {
        var list = entries.ToList();
        return new CampaignProgress(key, name, list.Count, list.Count(e => e.Outcome == CampaignOutcome.Resolved), list.Count(e => e.Outcome == CampaignOutcome.Unresolved),
            list.Count(e => e.Outcome is null), list.Count(e => e.IsOverdueOn(today)));
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
