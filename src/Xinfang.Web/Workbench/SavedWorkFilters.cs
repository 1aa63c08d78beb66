using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Workbench;

/// <summary>A work-list filter a staff member saved under a name (issue 13: saved filters); theirs alone.</summary>
public sealed class SavedWorkFilter
{
    public const int MaxNameLength = 40;
    public const int MaxQueryLength = 1000;

    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The filter as <see cref="WorkFilter.ToQuery"/> wrote it after <see cref="WorkQuery.Parse"/> accepted it.</summary>
    public string Query { get; set; } = string.Empty;
}

/// <summary>A saved filter as the API and the page show it: <see cref="Link"/> opens the list.</summary>
public sealed record SavedFilterView(Guid Id, string Name, string Query, string Link);

/// <summary>
/// Saved filters (issue 13): save the current list's filter under a name, list them, delete them. Each staff
/// member sees only their own; the query is checked by the list's own parser (<see cref="WorkQuery.Parse"/>) and
/// stored as it writes it, so a saved link never opens a list the address could not.
/// </summary>
public sealed class SavedWorkFilters(AppDbContext db, CurrentStaff staff)
{
    /// <summary>At most this many per staff member: a short list of links, not a store.</summary>
    public const int MaxPerUser = 20;

    private static readonly HashSet<string> Keys = ["view", "state", "form", "class", "unit", "from", "to", "level", "mine", "wait", "sort", "dir", "page", "size"];

    public sealed record Request(string? Name, string? Query);

    public async Task<IReadOnlyList<SavedFilterView>> ListAsync(CancellationToken ct)
    {
        var me = staff.UserId;
        var rows = await db.Set<SavedWorkFilter>().AsNoTracking().Where(f => f.UserId == me).OrderBy(f => f.Name).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<(RequestErrors? Errors, SavedFilterView? Saved)> SaveAsync(Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Name, "name", "名称", SavedWorkFilter.MaxNameLength).Text(r.Query, "query", "筛选条件", SavedWorkFilter.MaxQueryLength, required: false);
        if (errors.Any)
        {
            return (errors, null);
        }

        var filter = FilterOf(r.Query, errors);
        if (filter is null)
        {
            return (errors, null);
        }

        var me = staff.UserId;
        var name = r.Name!.Trim();
        var mine = db.Set<SavedWorkFilter>().Where(f => f.UserId == me);
        if (await mine.AnyAsync(f => f.Name == name, ct))
        {
            return (errors.Add("name", "已有同名的筛选条件"), null);
        }

        if (await mine.CountAsync(ct) >= MaxPerUser)
        {
            return (errors.Add("name", $"最多保存{MaxPerUser}个筛选条件，请先删除不用的"), null);
        }

        var saved = new SavedWorkFilter { Id = Guid.NewGuid(), UserId = me, Name = name, Query = filter.ToQuery(x => x.Page = null) };
        db.Add(saved);
        await db.SaveChangesAsync(ct);
        return (null, View(saved));
    }

    /// <summary>Deletes one of the caller's own saved filters; false when there is none by that id (or it is another's).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var me = staff.UserId;
        return await db.Set<SavedWorkFilter>().Where(f => f.Id == id && f.UserId == me).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The query string read as the list reads its address: known keys only, each once, valid by <see cref="WorkQuery.Parse"/> (the page is checked, then not kept).</summary>
    internal static WorkFilter? FilterOf(string? query, RequestErrors errors)
    {
        var pairs = QueryHelpers.ParseQuery(query?.Trim() ?? string.Empty);
        foreach (var (key, values) in pairs)
        {
            if (!Keys.Contains(key) || values.Count != 1)
            {
                errors.Add("query", $"筛选条件中的“{key}”无效");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        string? V(string key) => pairs.TryGetValue(key, out var v) ? v.ToString() : null;
        var filter = new WorkFilter
        {
            View = V("view"), State = V("state"), Form = V("form"), Class = V("class"), Unit = V("unit"), From = V("from"), To = V("to"),
            Level = V("level"), Mine = V("mine"), Wait = V("wait"), Sort = V("sort"), Dir = V("dir"), Page = V("page"), Size = V("size"),
        };
        var (parsed, problems) = WorkQuery.Parse(filter);
        if (parsed is null)
        {
            foreach (var m in problems.Messages)
            {
                errors.Add("query", m);
            }

            return null;
        }

        return filter;
    }

    private static SavedFilterView View(SavedWorkFilter f) => new(f.Id, f.Name, f.Query, $"/workbench?{f.Query}");

    /// <summary>The table <c>saved_work_filters</c> and the 首办责任人 columns of <c>petitions</c>.</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<SavedWorkFilter>(f =>
        {
            f.ToTable("saved_work_filters");
            f.HasKey(x => x.Id);
            f.Property(x => x.UserId).HasMaxLength(64);
            f.Property(x => x.Name).HasMaxLength(SavedWorkFilter.MaxNameLength);
            f.Property(x => x.Query).HasMaxLength(SavedWorkFilter.MaxQueryLength);
            f.HasIndex(x => new { x.UserId, x.Name }).IsUnique();
        });
        builder.Entity<Petition>(p =>
        {
            p.Ignore(x => x.CurrentResponsibleUserId);
            p.Ignore(x => x.CurrentResponsibleName);
            p.Property(x => x.ResponsibleUserId).HasMaxLength(64);
            p.Property(x => x.ResponsibleName).HasMaxLength(100);
            // The "mine" filter: the officer's items, then the holder check on the rows found.
            p.HasIndex(x => x.ResponsibleUserId);
            // The work lists read open items only (WorkItems.Filtered), while a body's finished items pile up for ever:
            // at 1 M items the open list of a county read 10,525 rows of (holder, due) to keep 410 (issue 16, ADR 0172).
            // Only open items are in this index; its filter is the list's own condition, so PostgreSQL and SQLite use it.
            p.HasIndex(x => new { x.CurrentOrganizationId, x.CurrentDueAtUtc }, "IX_petitions_Open_CurrentOrganizationId_CurrentDueAtUtc")
                .HasFilter(WorkItems.OpenFilterSql);
        });
    }
}
