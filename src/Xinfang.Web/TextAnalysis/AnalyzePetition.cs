using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;
using Xinfang.Text;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Privacy;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// What the registrar sees before registering: a content-class suggestion, route hints with their
/// trigger words, and earlier items that may be the same matter (初件/重件, Art. 19 ¶3) — found by
/// the petitioner's blind key and by MinHash band keys (index seeks, never a scan) and judged by
/// <see cref="RepeatRules"/> (the same matter decided from the content, the petitioner key as evidence) (一信多投 is not a repeat). The check looks across the deployment;
/// an earlier item outside the caller's scope shows only its number, the organisation handling it
/// and its state, and only when it is the same matter (domain.md §12). It suggests; the registrar
/// decides, and links a 重件 by registering with <c>firstItemId</c>.
/// </summary>
public sealed class AnalyzePetition(AppDbContext db, CurrentStaff staff, PetitionGuard guard, ClassifierService classifier, BlindIndex blindIndex, TimeProvider clock, IConfiguration configuration)
{
    public const int MaxCandidates = 20;

    // IssueLocationCode: 问题属地 (6, 9 or 12 digits) when known; an earlier item of the same person about another place is not the same matter.
    public sealed record Request(string? Title, string? Content, IdDocumentType? IdType, string? IdNumber, string? Phone, DateTimeOffset? ReceivedAt, string? IssueLocationCode = null);

    /// <summary>
    /// The content-class suggestion. <paramref name="IsUnsure"/>: the model's confidence is below
    /// <see cref="ClassifierModel.UnsureBelow"/>, and the page says 不确定：可能是 Label 或 RunnerUp.
    /// </summary>
    public sealed record ContentClass(string Label, double Confidence, bool IsFallback, string? ModelVersion, string? RunnerUp = null, bool IsUnsure = false);

    public sealed record Hints(bool LitigationRelated, bool Accusation, bool Urgent, IReadOnlyList<string> LitigationTriggers, IReadOnlyList<string> AccusationTriggers, IReadOnlyList<string> UrgentTriggers);

    /// <summary>
    /// An earlier item. Outside the caller's scope, Title, ReceivedOn, Similarity, Reasons, Why and Evidence
    /// are null (the shared words would reveal its content). Why says why it was linked, in Chinese for the
    /// registrar ("相同用词：…；相似度 0.62；同一信访人"); Evidence is the same as data (shared words with
    /// personal data masked, similarity, same petitioner/place/body).
    /// </summary>
    public sealed record Candidate(Guid Id, string Number, bool InScope, string Verdict, bool IsLikelyRepeat, string State, string StateName, string? HandlingOrganization,
        string? Title, DateOnly? ReceivedOn, double? Similarity, IReadOnlyList<string>? Reasons, string? Why = null, Evidence? Evidence = null);

    /// <summary>Why an earlier item was linked: <see cref="RepeatExplanation"/> with the shared words masked.</summary>
    public sealed record Evidence(IReadOnlyList<string> SharedTerms, int SharedTermCount, double TermOverlap, double Similarity, bool? SamePetitioner, bool? SamePlace, bool? SameRecipient);

    public sealed record Response(ContentClass ContentClass, Hints RouteHints, IReadOnlyList<Candidate> Repeats, Guid? SuggestedFirstItemId);

    public async Task<IResult> HandleAsync(Request r, CancellationToken ct)
    {
        var (analysis, errors) = await AnalyzeAsync(r, ct);
        return analysis is not null ? TypedResults.Ok(analysis) : errors!.Problem();
    }

    /// <summary>The API and the registration page (<c>/register</c>, 「分析」) both analyse here.</summary>
    public async Task<(Response? Analysis, RequestErrors? Errors)> AnalyzeAsync(Request r, CancellationToken ct) => await AnalyzeAsync(r, null, ct);

    /// <summary>
    /// The same analysis of an item already registered (an online petition waiting for its registrar,
    /// <c>/petitions/{id}</c>): <paramref name="itself"/> is left out of its own repeat candidates.
    /// </summary>
    public async Task<(Response? Analysis, RequestErrors? Errors)> AnalyzeAsync(Request r, Guid? itself, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new RequestErrors()
            .Text(r.Title, "title", "标题", Petition.MaxTitleLength)
            .Text(r.Content, "content", "诉求内容", Petition.MaxContentLength);
        if (r.IdType is { } t && !Enum.IsDefined(t))
        {
            errors.Add("idType", "证件类型无效");
        }

        if (!string.IsNullOrWhiteSpace(r.IdNumber))
        {
            if ((r.IdType ?? IdDocumentType.ResidentIdCard) == IdDocumentType.ResidentIdCard && !ChineseIdNumber.IsValid(r.IdNumber.Trim()))
            {
                errors.Add("idNumber", "居民身份证号码不正确（GB 11643 校验位不符）");
            }
            else if (r.IdNumber.Length > 32)
            {
                errors.Add("idNumber", "证件号码过长");
            }
        }

        if (!string.IsNullOrWhiteSpace(r.Phone) && !PhoneNumber.IsValid(r.Phone))
        {
            errors.Add("phone", "电话号码不正确");
        }

        if (r.ReceivedAt is { } received && (received > now || received < now.AddYears(-5)))
        {
            errors.Add("receivedAt", "收到时间不能晚于现在，也不能早于五年前");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var suggestion = classifier.Suggest(r.Title, r.Content);
        var hints = RouteHints.Analyze(r.Title, r.Content);
        var repeats = await FindRepeatsAsync(r, r.ReceivedAt ?? now, itself, ct);
        return (new Response(
            new ContentClass(suggestion.Label, Math.Round(suggestion.Confidence, 4), suggestion.IsFallback, suggestion.IsFallback ? null : classifier.Model?.ModelVersion,
                suggestion.RunnerUp, suggestion.IsUnsure),
            new Hints(hints.LitigationRelated, hints.Accusation, hints.Urgent, hints.TriggersOf(RouteFlag.LitigationRelated), hints.TriggersOf(RouteFlag.Accusation), hints.TriggersOf(RouteFlag.Urgent)),
            repeats,
            repeats.FirstOrDefault(c => c.IsLikelyRepeat)?.Id), null);
    }

    private async Task<IReadOnlyList<Candidate>> FindRepeatsAsync(Request r, DateTimeOffset receivedAt, Guid? itself, CancellationToken ct)
    {
        var options = new RepeatOptions { WindowDays = Math.Clamp(configuration.GetValue("Xinfang:Text:RepeatWindowDays", new RepeatOptions().WindowDays), 1, 36_500) };
        var signature = TextIndexRows.Hasher.Compute(r.Title, r.Content);
        var bandKeys = TextIndexRows.Hasher.BandKeys(signature).Select(k => unchecked((long)k)).Distinct().ToList();
        var personKeys = blindIndex.KeysOf(r.IdNumber, r.Phone).ToList();

        // Index seeks: (band_key, petition_id) and (blind_key, petition_id) primary keys.
        var bySimilarText = bandKeys.Count == 0 ? [] : await BySimilarText(db, bandKeys).Take(options.MaxBucketScan).ToListAsync(ct);
        var byPerson = personKeys.Count == 0 ? [] : await BySamePerson(db, personKeys).Take(options.MaxBucketScan).ToListAsync(ct);
        var ids = bySimilarText.Union(byPerson).Where(id => id != itself).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var windowStart = receivedAt.AddDays(-options.WindowDays);
        // The repeat check looks across the deployment (Art. 19 ¶3, domain.md §12), never at an accusation
        // outside the caller's scope nor an item they stepped aside from; what it shows is limited below.
        var items = await guard.PetitionsForRepeatCheck.AsNoTracking().Where(p => ids.Contains(p.Id) && p.ReceivedAt >= windowStart)
            .Select(p => new Earlier(p.Id, p.Number, p.Title, p.State, p.Category, p.ReceivedAt, p.ReceivedOn, p.RegisteringOrganizationId, p.CurrentOrganizationId,
                p.HandlingOrganizationId, p.IssueLocationCode))
            .ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        // The one view rule decides what the caller may see of each earlier item (Identity/PetitionAuthorization.cs).
        var visible = (await guard.Petitions.AsNoTracking().Where(p => itemIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var signatures = await db.PetitionTexts.AsNoTracking().Where(t => itemIds.Contains(t.PetitionId))
            .Select(t => new { t.PetitionId, t.Signature }).ToDictionaryAsync(t => t.PetitionId, t => t.Signature, ct);
        var theirKeys = await db.PetitionerBlindKeys.AsNoTracking().Where(k => itemIds.Contains(k.PetitionId))
            .Select(k => new { k.PetitionId, k.Key }).ToListAsync(ct);
        var keysOf = theirKeys.GroupBy(k => k.PetitionId).ToDictionary(g => g.Key, g => g.Select(k => k.Key).ToHashSet(StringComparer.Ordinal));

        var me = staff.OrganizationId;
        var later = new RepeatMeta("new", personKeys.Count > 0 ? "new-person" : null, receivedAt, me.ToString(), string.IsNullOrWhiteSpace(r.IssueLocationCode) ? null : r.IssueLocationCode.Trim());
        var pairs = new List<(Earlier Item, RepeatMeta Meta, double Similarity)>();
        foreach (var item in items)
        {
            var similarity = signatures.TryGetValue(item.Id, out var bytes) && bytes.Length == signature.Values.Length * 4
                ? signature.EstimateSimilarity(TextIndexRows.FromBytes(bytes))
                : 0;
            // Several keys per item (ID, phone, several petitioners): the same person when any key is shared.
            string? earlierKey = null;
            if (keysOf.TryGetValue(item.Id, out var keys) && keys.Count > 0)
            {
                earlierKey = personKeys.Any(keys.Contains) ? later.PetitionerKey : "other-person";
            }

            pairs.Add((item, new RepeatMeta(item.Id.ToString(), earlierKey, item.ReceivedAt, item.RegisteringOrganizationId.ToString(), item.IssueLocationCode), similarity));
        }

        // Content evidence (the distinctive terms of both texts). For the same person's items it decides, so theirs are read
        // for every one; for anyone else's it only explains (the verdict follows the similarity alone), so it is read for the
        // candidates shown. Segmenting every near-duplicate's text was 90 % of a check's CPU when hundreds of earlier letters
        // were alike (issue 16, bench/RESULTS.md "Scale"). The texts are read here and never returned.
        var samePerson = pairs.Where(x => x.Meta.PetitionerKey is not null && x.Meta.PetitionerKey == later.PetitionerKey).Select(x => x.Item.Id).ToList();
        var terms = await TermsAsync(samePerson, ct);
        RepeatTerms? laterTerms = null;
        RepeatCandidate? JudgeOne(Earlier item, RepeatMeta earlier, double similarity)
        {
            var earlierTerms = terms.GetValueOrDefault(item.Id);
            laterTerms ??= earlierTerms is null ? null : RepeatTerms.Of(r.Title, r.Content);
            return RepeatRules.Judge(earlier, later, similarity, options, earlierTerms, earlierTerms is null ? null : laterTerms);
        }

        var judged = new List<(RepeatCandidate Verdict, Earlier Item, RepeatMeta Meta)>();
        foreach (var (item, earlier, similarity) in pairs)
        {
            // Outside the scope only the same matter is shown (a repeat, or the same letter sent elsewhere):
            // never another person's similar case nor this person's other matters (domain.md §12), and
            // never an accusation, whose very existence the accused must not learn (条例 Art. 30 ¶3).
            if (JudgeOne(item, earlier, similarity) is { } verdict
                && (visible.Contains(item.Id) || verdict.Verdict is RepeatVerdict.Repeat or RepeatVerdict.MultiSend && item.Category != PetitionCategory.Accusation))
            {
                judged.Add((verdict, item, earlier));
            }
        }

        var shown = judged.OrderBy(j => j.Verdict.IsLikelyRepeat ? 0 : 1).ThenByDescending(j => j.Verdict.Similarity).Take(MaxCandidates).ToList();
        var explain = shown.Where(j => !terms.ContainsKey(j.Item.Id) && j.Verdict.Similarity >= options.SimilarityThreshold).Select(j => j.Item.Id).ToList();
        if (explain.Count > 0)
        {
            foreach (var (id, t) in await TermsAsync(explain, ct))
            {
                terms[id] = t;
            }

            // The same verdict, now with the shared words that explain it.
            shown = shown.Select(j => explain.Contains(j.Item.Id) && JudgeOne(j.Item, j.Meta, j.Verdict.Similarity) is { } explained ? (explained, j.Item, j.Meta) : j).ToList();
        }

        var orgIds = shown.Select(j => j.Item.HandlingOrganizationId ?? j.Item.CurrentOrganizationId).Distinct().ToList();
        var orgNames = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return shown.Select(j =>
        {
            var (verdict, item, _) = j;
            var state = item.State;
            var handling = orgNames.GetValueOrDefault(item.HandlingOrganizationId ?? item.CurrentOrganizationId);
            return visible.Contains(item.Id)
                ? new Candidate(item.Id, item.Number, true, verdict.Verdict.ToString(), verdict.IsLikelyRepeat, state.ToString(), Lifecycle.NameOf(state), handling,
                    item.Title, item.ReceivedOn, Math.Round(verdict.Similarity, 3), ReasonsOf(verdict.Reasons), WhyOf(verdict.Explanation), EvidenceOf(verdict.Explanation))
                : new Candidate(item.Id, item.Number, false, verdict.Verdict.ToString(), verdict.IsLikelyRepeat, state.ToString(), Lifecycle.NameOf(state), handling,
                    null, null, null, null);
        }).ToList();
    }

    /// <summary>The distinctive terms of earlier items' texts (read through the repeat check's scope, never returned).</summary>
    private async Task<Dictionary<Guid, RepeatTerms>> TermsAsync(List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0
            ? []
            : (await guard.PetitionsForRepeatCheck.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Title, p.Content }).ToListAsync(ct))
                .ToDictionary(p => p.Id, p => RepeatTerms.Of(p.Title, p.Content));

    private sealed record Earlier(Guid Id, string Number, string Title, PetitionState State, PetitionCategory Category, DateTimeOffset ReceivedAt, DateOnly ReceivedOn,
        Guid RegisteringOrganizationId, Guid CurrentOrganizationId, Guid? HandlingOrganizationId, string? IssueLocationCode);

    // Terms carry no digits already (RepeatTerms); masked again so that no ID or phone number can reach the page.
    private static List<string> MaskedTerms(RepeatExplanation e) =>
        e.SharedTerms.Select(PersonalDataInText.Mask).Where(t => !PersonalDataInText.Contains(t)).ToList();

    private static string WhyOf(RepeatExplanation e) => e.ToChinese(MaskedTerms(e));

    private static Evidence EvidenceOf(RepeatExplanation e) =>
        new(MaskedTerms(e), e.SharedTermCount, e.TermOverlap, e.Similarity, e.SamePetitioner, e.SamePlace, e.SameRecipient);

    /// <summary>Items sharing an LSH band key: seeks on the (band_key, petition_id) primary key.</summary>
    public static IQueryable<Guid> BySimilarText(AppDbContext db, IReadOnlyCollection<long> bandKeys) =>
        db.PetitionBandKeys.Where(b => bandKeys.Contains(b.BandKey)).Select(b => b.PetitionId).Distinct();

    /// <summary>Items sharing a petitioner blind key: seeks on the (blind_key, petition_id) primary key.</summary>
    public static IQueryable<Guid> BySamePerson(AppDbContext db, IReadOnlyCollection<string> blindKeys) =>
        db.PetitionerBlindKeys.Where(k => blindKeys.Contains(k.Key)).Select(k => k.PetitionId).Distinct();

    private static List<string> ReasonsOf(RepeatReason reasons) =>
        Enum.GetValues<RepeatReason>().Where(r => r != RepeatReason.None && reasons.HasFlag(r)).Select(r => r.ToString()).ToList();

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/analyze", (Request request, AnalyzePetition uc, CancellationToken ct) => uc.HandleAsync(request, ct))
            .WithSummary("登记前分析：内容分类建议、办理途径提示、可能的重复信访").Produces<Response>();
}
