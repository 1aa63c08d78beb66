using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;
using Xinfang.Text;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Web.Workbench;

/// <summary>One item found, and why: 编号, 姓名, 证件号, 电话 or 内容 (one or more).</summary>
public sealed record FoundItem(Guid Id, string Number, string Title, string StateName, DateOnly ReceivedOn, string HolderName, IReadOnlyList<string> Reasons);

/// <summary>
/// 查找 (issue 13): the one box in the header takes whatever the caller has — an item number, a petitioner's
/// name, an ID or phone number, or words — and says why each item matched. ID and phone are looked up by
/// their blind-index keys (<see cref="Privacy.BlindIndex"/>, ADR 0041: the stored values are ciphertext),
/// words by the full-text index (<see cref="FullTextSearch.Matching"/>); everything only among the items the
/// caller may see (<see cref="PetitionGuard.Petitions"/>). Results show titles masked for roles that may not
/// reveal personal data, and never a phone or ID number.
/// </summary>
public sealed partial class WorkFind(PetitionGuard guard, AppDbContext db, Privacy.BlindIndex blindIndex, CurrentStaff staff)
{
    public const int MaxLength = 100;

    /// <summary>Results per kind of match; the whole answer is at most twice this.</summary>
    public const int PerKind = 50;

    public const string ByNumber = "编号";
    public const string ByName = "姓名";
    public const string ByIdNumber = "证件号";
    public const string ByPhone = "电话";
    public const string ByContent = "内容";

    public sealed record Request(string? Q);

    public async Task<(RequestErrors? Errors, IReadOnlyList<FoundItem> Items)> FindAsync(string? q, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(q, "q", "查找内容", MaxLength);
        if (errors.Any)
        {
            return (errors, []);
        }

        var text = q!.Trim();
        var scope = guard.Petitions.AsNoTracking();
        var found = new Dictionary<Guid, (Row Row, List<string> Reasons)>();

        async Task Add(IQueryable<Petition> query, string reason)
        {
            var rows = await query.OrderByDescending(p => p.RegisteredAt).Take(PerKind)
                .Select(p => new Row(p.Id, p.Number, p.Title, p.State, p.ReceivedOn, p.RegisteredAt, p.CurrentOrganizationId)).ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!found.TryGetValue(r.Id, out var hit))
                {
                    found[r.Id] = hit = (r, []);
                }

                hit.Reasons.Add(reason);
            }
        }

        var upper = text.ToUpperInvariant();
        if (NumberShape().IsMatch(upper))
        {
            await Add(scope.Where(p => p.Number == upper), ByNumber);
        }

        if (ChineseIdNumber.IsValid(upper) && blindIndex.OfIdNumber(upper) is { } idKey)
        {
            await Add(scope.Where(p => p.Petitioners.Any(x => EF.Property<string>(x, Privacy.PersonalDataModel.IdNumberIndex) == idKey)), ByIdNumber);
        }

        if (PhoneNumber.IsValid(text) && blindIndex.OfPhone(text) is { } phoneKey)
        {
            await Add(scope.Where(p => p.Petitioners.Any(x => EF.Property<string>(x, Privacy.PersonalDataModel.PhoneIndex) == phoneKey)), ByPhone);
        }

        // A name is a few characters with no digits: looked up exactly (the petitioners' name index).
        if (text.Length <= 20 && !text.Any(char.IsAsciiDigit))
        {
            await Add(scope.Where(p => p.Petitioners.Any(x => x.Name == text)), ByName);
        }

        // Words, when the text is not a number of some kind: the full-text index.
        if (found.Count == 0 || !text.Any(char.IsAsciiDigit))
        {
            var words = ChineseSegmenter.Shared.SegmentQuery(text);
            if (words.Count > 0)
            {
                var matching = FullTextSearch.Matching(db, words);
                await Add(scope.Where(p => matching.Contains(p.Id)), ByContent);
            }
        }

        var names = await OrganizationNames.LoadAsync(db, found.Values.Select(f => f.Row.HolderId), ct);
        var reveal = PetitionRules.MayRevealPersonalData(staff.Role);
        return (null, found.Values
            .OrderBy(f => Rank(f.Reasons)).ThenByDescending(f => f.Row.RegisteredAt)
            .Select(f => new FoundItem(f.Row.Id, f.Row.Number, reveal ? f.Row.Title : PersonalDataInText.Mask(f.Row.Title), Lifecycle.NameOf(f.Row.State),
                f.Row.ReceivedOn, names.GetValueOrDefault(f.Row.HolderId, string.Empty), f.Reasons))
            .ToList());
    }

    /// <summary>Exact matches (number, ID, phone, name) before matches in the text.</summary>
    private static int Rank(List<string> reasons) => reasons.Contains(ByContent) && reasons.Count == 1 ? 1 : 0;

    private sealed record Row(Guid Id, string Number, string Title, PetitionState State, DateOnly ReceivedOn, DateTimeOffset RegisteredAt, Guid HolderId);

    /// <summary>An item number: the registering body's code, the year, a serial (Intake/PetitionNumbers.cs).</summary>
    [GeneratedRegex(@"^[0-9A-Z]{2,20}-\d{4}-\d{6}$")]
    private static partial Regex NumberShape();
}
