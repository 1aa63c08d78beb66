using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.PublicInformation;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.PublicInformation;

/// <summary>
/// Reads and edits 信访公开 (条例 Art. 18). Anyone reads a body's current text; a body that has published
/// none shows its nearest ancestor's, and says whose it is. Administrators edit their own organisation
/// and its subtree only; every edit is a new revision and an audit entry.
/// </summary>
public sealed class PublicGuides(AppDbContext db, OrganizationDirectory directory, CurrentStaff staff, AuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "PublicInformationEdited";

    public sealed record Body(string Code, string Name);

    public sealed record Item(string Field, string Name, string? Value);

    /// <summary>What the public sees: the body, whose text it is (<see cref="InheritedFrom"/> when an ancestor's), and the text.</summary>
    public sealed record GuideView(
        Body Organization,
        Body? InheritedFrom,
        int Revision,
        DateTimeOffset? UpdatedAt,
        IReadOnlyList<Item> Items,
        IReadOnlyList<string> Steps,
        IReadOnlyList<string> MissingForArticle18)
    {
        public string? ValueOf(GuideField f) => Items.FirstOrDefault(i => i.Field == f.ToString())?.Value;
    }

    /// <summary>One body of the list on <c>/guide</c>: its level (for indentation) and whether it published its own text.</summary>
    public sealed record ListedBody(string Code, string Name, OrganizationLevel Level, int Depth, bool HasOwnText);

    public sealed record RevisionView(int Revision, DateTimeOffset EditedAt, string EditedBy, string ChangedItems);

    /// <summary>An edit: the revision it was made on (0 when the body has none yet) and every item's text (blank = not published).</summary>
    public sealed record GuideRequest(
        int? BaseRevision,
        string? OnlineChannel,
        string? LetterAddress,
        string? Phone,
        string? ReceptionPlace,
        string? ReceptionHours,
        string? Scope,
        string? Procedure,
        string? QueryAndRating,
        string? Other)
    {
        public PublicGuide Content => new(Clean(OnlineChannel), Clean(LetterAddress), Clean(Phone), Clean(ReceptionPlace), Clean(ReceptionHours),
            Clean(Scope), Clean(Procedure), Clean(QueryAndRating), Clean(Other));

        private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    public enum Outcome
    {
        Saved,
        Unchanged,
        Invalid,
        Forbidden,
        NotFound,
        Stale,
    }

    public sealed record SaveResult(Outcome Outcome, GuideView? Guide = null, RequestErrors? Errors = null, string? Message = null);

    /// <summary>The tree in reading order (each body, then its children), every body marked with or without its own text.</summary>
    public async Task<IReadOnlyList<ListedBody>> ListAsync(CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct);
        var own = (await db.Set<PublicGuideRevision>().AsNoTracking().Select(r => r.OrganizationId).Distinct().ToListAsync(ct)).ToHashSet();
        var children = orgs.ToLookup(o => o.ParentId);
        var list = new List<ListedBody>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var o in children[parent].OrderBy(o => o.Kind != OrganizationKind.PetitionBureau).ThenBy(o => o.Code, StringComparer.Ordinal))
            {
                list.Add(new ListedBody(o.Code, o.Name, o.Level, depth, own.Contains(o.Id)));
                Walk(o.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return list;
    }

    /// <summary>A body's current text, or its nearest ancestor's when it has none (null only for an unknown code).</summary>
    public async Task<GuideView?> FindAsync(string? code, CancellationToken ct)
    {
        var org = await FindOrganizationAsync(code, ct);
        if (org is null)
        {
            return null;
        }

        // Nearest first: the body itself, then its parent, up to the top of the tree.
        var path = directory.PathFromTop(org.Id).Reverse().ToList();
        if (path.Count == 0)
        {
            path = [org.Id];
        }

        var latest = await db.Set<PublicGuideRevision>().AsNoTracking()
            .Where(r => path.Contains(r.OrganizationId)
                && r.Revision == db.Set<PublicGuideRevision>().Where(x => x.OrganizationId == r.OrganizationId).Max(x => x.Revision))
            .ToListAsync(ct);
        var source = path.Select(id => latest.FirstOrDefault(r => r.OrganizationId == id)).FirstOrDefault(r => r is not null);
        Body? inherited = null;
        if (source is not null && source.OrganizationId != org.Id)
        {
            var from = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == source.OrganizationId, ct);
            inherited = new Body(from.Code, from.Name);
        }

        var content = source?.Content ?? PublicGuide.Empty;
        var own = source is not null && inherited is null ? source.Revision : 0;
        return new GuideView(new Body(org.Code, org.Name), inherited, own, source?.EditedAt,
            PublicGuide.Items.Select(i => new Item(i.Field.ToString(), i.Name, content.ValueOf(i.Field))).ToList(),
            content.Steps,
            content.MissingForArticle18().Select(i => i.Name).ToList());
    }

    /// <summary>True when the signed-in staff member may edit this body's text: an administrator of it or of a body above it.</summary>
    public bool MayEdit(Guid organizationId) =>
        staff.IsSignedIn && staff.Role == StaffRole.Administrator && directory.IsWithin(organizationId, staff.OrganizationId);

    /// <summary>The bodies the signed-in administrator may edit (their organisation and its subtree), in tree order.</summary>
    public async Task<IReadOnlyList<ListedBody>> EditableAsync(CancellationToken ct)
    {
        if (!staff.IsSignedIn || staff.Role != StaffRole.Administrator)
        {
            return [];
        }

        var subtree = await db.Organizations.AsNoTracking().Where(o => o.Id == staff.OrganizationId).Select(o => o.Code).SingleOrDefaultAsync(ct);
        var all = await ListAsync(ct);
        var start = all.ToList().FindIndex(b => b.Code == subtree);
        if (start < 0)
        {
            return [];
        }

        var depth = all[start].Depth;
        return all.Skip(start).TakeWhile((b, i) => i == 0 || b.Depth > depth).ToList();
    }

    /// <summary>Who changed what when, newest first. Administrators of the body or above only (null otherwise).</summary>
    public async Task<IReadOnlyList<RevisionView>?> HistoryAsync(Guid organizationId, CancellationToken ct)
    {
        if (!MayEdit(organizationId))
        {
            return null;
        }

        return await db.Set<PublicGuideRevision>().AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.Revision)
            .Select(r => new RevisionView(r.Revision, r.EditedAt, r.EditedByName, r.ChangedItems))
            .ToListAsync(ct);
    }

    /// <summary>The current own revision of a body, 0 when it has published nothing itself.</summary>
    public async Task<int> CurrentRevisionAsync(Guid organizationId, CancellationToken ct) =>
        await db.Set<PublicGuideRevision>().Where(r => r.OrganizationId == organizationId).MaxAsync(r => (int?)r.Revision, ct) ?? 0;

    public async Task<Organization?> FindOrganizationAsync(string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) || code.Length > 32 ? null : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);

    /// <summary>Bad input names every bad item and changes nothing; an edit made on an older revision is refused (409).</summary>
    public static RequestErrors Validate(GuideRequest r)
    {
        var errors = new RequestErrors();
        if (r.BaseRevision is null)
        {
            errors.Add("baseRevision", "缺少所修改的版本号");
        }
        else if (r.BaseRevision < 0)
        {
            errors.Add("baseRevision", "版本号无效");
        }

        var content = r.Content;
        foreach (var item in PublicGuide.Items)
        {
            var field = JsonName(item.Field);
            var value = content.ValueOf(item.Field);
            errors.Text(value, field, item.Name, item.MaxLength, required: false);
            if (!item.Multiline && value is not null && value.Contains('\n', StringComparison.Ordinal))
            {
                errors.Add(field, $"{item.Name}只能填写一行");
            }
        }

        if (content.Steps.Count > PublicGuide.MaxSteps)
        {
            errors.Add(JsonName(GuideField.Procedure), $"处理程序不能超过{PublicGuide.MaxSteps}个步骤（每行一个步骤）");
        }

        if (content.IsBlank)
        {
            errors.Add("body", "至少填写一项公开内容");
        }

        return errors;
    }

    public static string JsonName(GuideField f) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.ToString());

    public async Task<SaveResult> SaveAsync(string? code, GuideRequest r, CancellationToken ct)
    {
        if (!staff.IsSignedIn || staff.Role != StaffRole.Administrator)
        {
            return new SaveResult(Outcome.Forbidden, Message: "只有管理员可以维护信访公开信息");
        }

        var org = await FindOrganizationAsync(code, ct);
        if (org is null)
        {
            return new SaveResult(Outcome.NotFound);
        }

        if (!MayEdit(org.Id))
        {
            return new SaveResult(Outcome.Forbidden, Message: "管理员只能维护本机关及其下级机关的信访公开信息");
        }

        var errors = Validate(r);
        if (errors.Any)
        {
            return new SaveResult(Outcome.Invalid, Errors: errors);
        }

        var current = await db.Set<PublicGuideRevision>().AsNoTracking().Where(x => x.OrganizationId == org.Id)
            .OrderByDescending(x => x.Revision).FirstOrDefaultAsync(ct);
        var currentRevision = current?.Revision ?? 0;
        if (r.BaseRevision != currentRevision)
        {
            return new SaveResult(Outcome.Stale, Message: $"{org.Name}的信访公开信息已被他人修改（当前第{currentRevision}版），请刷新后再改");
        }

        var content = r.Content;
        var changed = content.ChangedFrom(current?.Content);
        if (changed.Count == 0)
        {
            return new SaveResult(Outcome.Unchanged, await FindAsync(org.Code, ct));
        }

        var revision = PublicGuideRevision.Of(org.Id, currentRevision + 1, content);
        revision.EditedAt = clock.GetUtcNow();
        revision.EditedById = staff.UserId;
        revision.EditedByName = staff.Name;
        revision.ChangedItems = string.Join("、", changed.Select(i => i.Name));
        db.Add(revision);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKind, org.Id.ToString(), org.Name,
                $"修改信访公开信息第{revision.Revision}版：{revision.ChangedItems}"), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved the same revision first (the unique organisation+revision pair).
            db.Entry(revision).State = EntityState.Detached;
            return new SaveResult(Outcome.Stale, Message: $"{org.Name}的信访公开信息已被他人修改，请刷新后再改");
        }

        return new SaveResult(Outcome.Saved, await FindAsync(org.Code, ct));
    }

    public static IResult Answer(SaveResult s) => s.Outcome switch
    {
        Outcome.Saved or Outcome.Unchanged => TypedResults.Ok(s.Guide),
        Outcome.Invalid => s.Errors!.Problem(),
        Outcome.Forbidden => Answers.Forbidden(s.Message!),
        Outcome.NotFound => Answers.NotFound("机构"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "信访公开信息已被他人修改", detail: s.Message),
    };
}
