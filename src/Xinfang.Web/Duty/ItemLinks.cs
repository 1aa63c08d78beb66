using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Duty;

/// <summary>
/// Items named by number on a duty report, an urgent report or a joint-meeting decision: always read through
/// <see cref="PetitionGuard.Petitions"/>, so nobody links (or learns the title of) an item outside their scope.
/// </summary>
public static class ItemLinks
{
    public const int MaxNumberLength = 40;

    /// <summary>The ids of the numbered items the reader may see; an unknown or unseen number is a field error (the same message for both).</summary>
    public static async Task<List<Guid>> ResolveAsync(PetitionGuard guard, IReadOnlyList<string?>? numbers, int max, string field, RequestErrors errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(errors);
        var wanted = (numbers ?? []).Select(n => n?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct().ToList();
        if (wanted.Count > max)
        {
            errors.Add(field, $"最多关联{max}件");
            return [];
        }

        foreach (var n in wanted)
        {
            errors.Text(n, field, "信访件编号", MaxNumberLength);
        }

        if (errors.Any)
        {
            return [];
        }

        var found = await guard.Petitions.AsNoTracking().Where(p => wanted.Contains(p.Number)).Select(p => new { p.Id, p.Number }).ToListAsync(ct);
        foreach (var missing in wanted.Except(found.Select(f => f.Number)))
        {
            errors.Add(field, $"信访件{missing}不存在或不在本机关可查看的范围内");
        }

        return found.Select(f => f.Id).ToList();
    }

    /// <summary>Numbers and titles of the linked items the reader may see (the rest only counted by the caller).</summary>
    public static async Task<List<LinkedItemView>> VisibleAsync(PetitionGuard guard, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(guard);
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.ToList();
        return await guard.Petitions.AsNoTracking().Where(p => list.Contains(p.Id)).OrderBy(p => p.Number)
            .Select(p => new LinkedItemView(p.Id, p.Number, p.Title)).ToListAsync(ct);
    }

    /// <summary>Numbers typed one per line or separated by commas or spaces (the pages' text box).</summary>
    public static List<string?> Split(string? text) =>
        (text ?? string.Empty).Split(['\n', '\r', ',', '，', ' ', '、', '　', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (string?)s).ToList();
}
