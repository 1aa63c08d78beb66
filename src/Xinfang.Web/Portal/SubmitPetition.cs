using Microsoft.Extensions.Options;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Attachments;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;
using Xinfang.Web.Privacy;

namespace Xinfang.Web.Portal;

/// <summary>
/// 网上信访 (条例 Arts. 17, 21): a citizen petitions online — the <c>/submit</c> page and
/// <c>POST /api/public/petitions</c> both come here. The item is registered through the staff
/// registration's own path (<see cref="RegisterPetition.RegisterAtAsync"/>: the same validation, the
/// same acceptance rules, personal data encrypted the same way, the classification suggestion and the
/// repeat keys written by the same index in the same commit) as <see cref="PetitionForm.Online"/>,
/// received now, by the system actor <see cref="SystemUserId"/> — not a staff member — at the
/// petition bureau the petitioner chose, or the bureau of the 问题属地 (docs/domain/lifecycle.md).
/// It then waits in that bureau's workbench for the registrar.
/// </summary>
public sealed class SubmitPetition(RegisterPetition registration, SubmissionChallenge challenge, OrganizationDirectory directory, IOptions<AttachmentOptions> attachmentOptions,
    PersonalDataProtector protector, TimeProvider clock, Data.AppDbContext db)
{
    /// <summary>The actor that registers online petitions: the platform itself, named so in the history.</summary>
    public const string SystemUserId = "system:online-petition";

    public const string SystemName = "网上信访平台（系统）";

    /// <summary>At most this many files with one online petition, each within the attachment module's size limit.</summary>
    public const int MaxAttachments = 3;

    /// <summary>The 诉求 is the item's title; the facts and reasons follow it in the content.</summary>
    public const int MaxDemandLength = Petition.MaxTitleLength;

    public const int MaxFactsLength = Petition.MaxContentLength - 400;

    public sealed record AttachmentUpload(string? FileName, string? ContentBase64);

    /// <summary>
    /// What the petitioner sends. <c>Demand</c> is the 诉求, <c>Facts</c> the 事实和理由; <c>AddressedTo</c> is the
    /// petition bureau it is addressed to, null for 由信访部门决定 (the bureau of the 问题属地); the challenge's
    /// token and answer come from <c>GET /api/public/challenge</c>.
    /// </summary>
    public sealed record Request(
        string? Name,
        string? IdNumber,
        string? Phone,
        string? Address,
        PetitionPurpose? Purpose,
        string? Demand,
        string? Facts,
        string? IssueLocationCode,
        Guid? AddressedTo,
        Guid? AccusedOrganizationId,
        string? Accused,
        bool Anonymous,
        bool ConsentToPublish,
        List<AttachmentUpload>? Attachments,
        string? ChallengeToken,
        string? ChallengeAnswer);

    /// <summary>What the petitioner is told once: the number and the query code (never shown again), where it went, and whether a written answer follows.</summary>
    public sealed record Submitted(string Number, string QueryCode, DateTimeOffset ReceivedAt, string OrganizationName, bool Anonymous, bool WrittenAnswer, string TrackAt);

    /// <summary>What submitting gave. <c>ChallengeKept</c>: the challenge was answered right and not used up (the fields were wrong), so the page may show it again with its answer.</summary>
    public sealed record Outcome(Submitted? Done, RequestErrors? Errors, bool ChallengeKept);

    /// <summary>A file as received: its name and its bytes.</summary>
    public sealed record Upload(string? FileName, byte[] Content);

    /// <summary>One place of the 问题属地 list: a division of the organisation tree, indented by its level.</summary>
    public sealed record Place(string Code, string Name, int Depth);

    /// <summary>The largest JSON body: the files in base64 (4/3) and the text fields.</summary>
    public long MaxApiBodyBytes => (MaxAttachments * attachmentOptions.Value.MaxBytes * 4 / 3) + (256 * 1024);

    public async Task<IResult> HandleAsync(Request r, HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxApiBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求过大",
                detail: $"附件最多{MaxAttachments}个，每个不超过 {attachmentOptions.Value.MaxBytes / (1024.0 * 1024.0):0.#} MB");
        }

        var uploads = new List<Upload>();
        var decodeErrors = new RequestErrors();
        foreach (var (a, i) in (r.Attachments ?? []).Take(MaxAttachments + 1).Select((a, i) => (a, i)))
        {
            var bytes = new byte[((a?.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
            if (a?.ContentBase64 is not { Length: > 0 } b64 || !Convert.TryFromBase64String(b64, bytes, out var n))
            {
                decodeErrors.Add($"attachments[{i}]", "附件内容应为 base64 编码");
                continue;
            }

            uploads.Add(new Upload(a.FileName, bytes[..n]));
        }

        var outcome = await SubmitAsync(r, uploads, decodeErrors, ct);
        return outcome.Done is { } done ? TypedResults.Created("/track", done) : outcome.Errors!.Problem();
    }

    /// <summary>The page and the API both submit here. <paramref name="errors"/> may carry what the caller could not read.</summary>
    public async Task<Outcome> SubmitAsync(Request r, IReadOnlyList<Upload> files, RequestErrors errors, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var challengeError = challenge.Check(r.ChallengeToken, r.ChallengeAnswer);
        if (challengeError == SubmissionChallenge.Wrong && !string.IsNullOrWhiteSpace(r.ChallengeToken))
        {
            // A wrong answer uses the token up: one token cannot be tried with every answer.
            await challenge.UseAsync(r.ChallengeToken, ct);
        }

        if (challengeError is not null)
        {
            errors.Add("challengeAnswer", challengeError);
        }

        var category = r.Purpose is { } purpose && Enum.IsDefined(purpose) ? OnlinePetitionRules.CategoryOf(purpose) : PetitionCategory.AppealOrDemand;
        errors.Defined(r.Purpose, "purpose", "信访目的");
        errors.Text(r.Demand, "demand", "诉求", MaxDemandLength);
        errors.Text(r.Facts, "facts", "事实和理由", MaxFactsLength);
        if (r.Anonymous && !OnlinePetitionRules.MayBeAnonymous(category))
        {
            errors.Add("anonymous", OnlinePetitionRules.AnonymousNotAllowed);
        }

        if (!r.Anonymous)
        {
            // Online, the petitioner is known by name, ID number and phone (the answer is served on them, Art. 32).
            errors.Text(r.Name, "name", "姓名", 50);
            if (string.IsNullOrWhiteSpace(r.IdNumber))
            {
                errors.Add("idNumber", "身份证号码不能为空");
            }

            if (string.IsNullOrWhiteSpace(r.Phone))
            {
                errors.Add("phone", "电话不能为空");
            }
        }

        if (string.IsNullOrWhiteSpace(r.IssueLocationCode))
        {
            errors.Add("issueLocationCode", "请选择问题属地");
        }
        else if (!Places(directory.Tree).Any(p => p.Code == r.IssueLocationCode.Trim()))
        {
            errors.Add("issueLocationCode", "问题属地无效，请从列表中选择");
        }

        var sealedFiles = CheckFiles(files, errors);
        var request = ToRegistration(r, category);
        // The staff registration's own checks (ID check digit, phone, the accused body of an accusation, lengths), named by this form's fields.
        foreach (var (field, messages) in RegisterPetition.Validate(request, now).ByField)
        {
            var mine = FieldOf(field);
            if (!errors.ByField.ContainsKey(mine))
            {
                messages.ForEach(m => errors.Add(mine, m));
            }
        }

        var destination = Destination(r, category, errors);
        if (errors.Any || destination is null)
        {
            return new Outcome(null, errors, challengeError is null);
        }

        if (!await challenge.UseAsync(r.ChallengeToken!, ct))
        {
            return new Outcome(null, errors.Add("challengeAnswer", SubmissionChallenge.Used), false);
        }

        Submitted? submitted = null;
        var actor = new Actor(SystemUserId, SystemName, destination.Id);
        var outcome = await registration.RegisterAtAsync(request, new RegisterPetition.Registrar(actor, destination.Id, RevealPersonalData: false,
            Alongside: p => db.AddRange(sealedFiles.Select(f => PetitionAttachments.Sealed(p.Id, f.Kind, f.Name, f.Content, SystemUserId, "信访人（网上信访）", now, protector))),
            AnswerOf: registered => ("/track", submitted = SubmittedOf(registered, destination, r.Anonymous))), ct);
        if (outcome.Registered is not { } done)
        {
            foreach (var (field, messages) in outcome.Errors!.ByField)
            {
                messages.ForEach(m => errors.Add(FieldOf(field), m));
            }

            return new Outcome(null, errors, false);
        }

        return new Outcome(submitted ?? SubmittedOf(done, destination, r.Anonymous), null, false);
    }

    private static Submitted SubmittedOf(RegisterPetition.Response registered, Organization destination, bool anonymous) =>
        new(registered.Number, registered.QueryCode, registered.Petition.ReceivedAt, destination.Name, anonymous, !anonymous, "/track");

    /// <summary>The registration request: 网上信访, received now (no time typed), one petitioner or none.</summary>
    private static RegisterPetition.Request ToRegistration(Request r, PetitionCategory category)
    {
        List<RegisterPetition.PetitionerRequest> people = r.Anonymous
            ? []
            : [new(r.Name?.Trim(), IdDocumentType.ResidentIdCard, r.IdNumber?.Trim(), r.Phone?.Trim(), FormFields.Trimmed(r.Address), null, IsPrincipal: true)];
        var content = $"诉求：{r.Demand?.Trim()}\n\n事实和理由：\n{r.Facts?.Trim()}";
        return new RegisterPetition.Request(
            PetitionForm.Online, ReceivedAt: null, r.Demand?.Trim(), string.IsNullOrWhiteSpace(r.Facts) ? null : content, people, category,
            r.Purpose, r.Anonymous, Collective: false, HeadCount: null, VisitBatches: null, InvolvedCount: null, JointSignature: false,
            ContentClassCode: null, FormFields.Trimmed(r.IssueLocationCode), FormFields.Trimmed(r.Accused), Urgent: false, LitigationRelated: false,
            WithinDisciplineRemit: false, SkippedLevel: false, r.ConsentToPublish, FirstItemId: null,
            AccusedOrganizationId: category == PetitionCategory.Accusation ? r.AccusedOrganizationId : null);
    }

    /// <summary>The registration's field names as this form names them.</summary>
    private static string FieldOf(string registrationField) => registrationField switch
    {
        "title" => "demand",
        "content" => "facts",
        "category" => "purpose",
        "petitioners" or "petitioners[0].name" => "name",
        _ when registrationField.StartsWith("petitioners[0].", StringComparison.Ordinal) => registrationField["petitioners[0].".Length..],
        _ => registrationField,
    };

    /// <summary>Every file through the attachment module's checks (kind by content, size), and the count limit.</summary>
    private List<(FileKind Kind, string Name, byte[] Content)> CheckFiles(IReadOnlyList<Upload> files, RequestErrors errors)
    {
        var result = new List<(FileKind, string, byte[])>();
        if (files.Count > MaxAttachments)
        {
            errors.Add("attachments", $"附件最多{MaxAttachments}个");
            return result;
        }

        foreach (var f in files)
        {
            var (ok, refusal) = PetitionAttachments.Check(f.Content, f.FileName, attachmentOptions.Value.MaxBytes);
            if (refusal is not null)
            {
                errors.Add("attachments", $"{PetitionAttachments.CleanName(f.FileName)}：{refusal.Title}（{refusal.Detail}）");
                continue;
            }

            result.Add((ok!.Value.Kind, ok.Value.Name, f.Content));
        }

        return result;
    }

    /// <summary>
    /// Where the item is registered: the petition bureau chosen, or — 由信访部门决定 — the bureau of the
    /// 问题属地 (the nearest bureau at or above it). An accusation never goes to the accused body or a body
    /// under it (条例 Art. 30 ¶3): chosen, that is an error at the field; decided, the next bureau up is taken.
    /// </summary>
    private Organization? Destination(Request r, PetitionCategory category, RequestErrors errors)
    {
        var tree = directory.Tree;
        var accused = category == PetitionCategory.Accusation ? r.AccusedOrganizationId : null;
        bool KeptFrom(Organization o) => accused is { } a && (o.Id == a || tree.IsWithin(o.Id, a));

        if (r.AddressedTo is { } chosenId)
        {
            if (tree.Find(chosenId) is not { Kind: OrganizationKind.PetitionBureau } chosen)
            {
                errors.Add("addressedTo", "受理的信访部门无效，请从列表中选择");
                return null;
            }

            if (KeptFrom(chosen))
            {
                errors.Add("addressedTo", "检举控告材料不能交给被检举控告的单位或其下属单位（《信访工作条例》第三十条第三款），请选择上一级信访部门或“由信访部门决定”");
                return null;
            }

            return chosen;
        }

        if (r.IssueLocationCode?.Trim() is not { Length: 6 or 9 } code || !code.All(char.IsAsciiDigit))
        {
            return null; // named at the field already
        }

        string[] divisions = [code, code[..6], code[..4] + "00", code[..2] + "0000"];
        var bureaus = tree.All.Where(o => o.Kind == OrganizationKind.PetitionBureau).ToList();
        var bureau = divisions.Select(d => bureaus.FirstOrDefault(b => b.DivisionCode == d)).FirstOrDefault(b => b is not null);
        while (bureau is not null && KeptFrom(bureau))
        {
            bureau = bureau.ParentId is { } parent ? UpTo(tree, parent) : null;
        }

        if (bureau is null)
        {
            errors.Add("addressedTo", "该问题属地没有可以受理的信访部门，请选择受理的信访部门");
        }

        return bureau;
    }

    private static Organization? UpTo(OrganizationTree tree, Guid from)
    {
        for (var at = tree.Find(from); at is not null; at = at.ParentId is { } p ? tree.Find(p) : null)
        {
            if (at.Kind == OrganizationKind.PetitionBureau)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>
    /// The 问题属地 list, province → street, from the organisation tree: each division once, named after its
    /// petition bureau (浙江省信访局 → 浙江省) or its township body (北山街道办事处 → 北山街道), in code order.
    /// </summary>
    public static IReadOnlyList<Place> Places(OrganizationTree tree) => tree.All
        .Where(o => o.Kind == OrganizationKind.PetitionBureau || (o.Level >= OrganizationLevel.Township && o.DivisionCode.Length == 9))
        .GroupBy(o => o.DivisionCode)
        .Select(g => g.OrderBy(o => o.Kind == OrganizationKind.PetitionBureau ? 0 : 1).First())
        .Select(o => new Place(o.DivisionCode, PlaceName(o.Name), (int)o.Level - 1))
        .OrderBy(p => p.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>The petition bureaus a petition may be addressed to, in the same order.</summary>
    public static IReadOnlyList<Organization> Bureaus(OrganizationTree tree) =>
        tree.All.Where(o => o.Kind == OrganizationKind.PetitionBureau).OrderBy(o => o.DivisionCode, StringComparer.Ordinal).ToList();

    private static string PlaceName(string name)
    {
        foreach (var suffix in new[] { "信访局", "信访办公室", "办事处", "人民政府" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    public static void Map(RouteGroupBuilder group, long maxBodyBytes)
    {
        group.MapPost("/petitions", (Request request, HttpContext http, SubmitPetition uc, CancellationToken ct) => uc.HandleAsync(request, http, ct))
            .WithMetadata(new BodyLimit(maxBodyBytes))
            .WithSummary("网上信访：提交信访事项（先以 GET /api/public/challenge 取得验证问题）；成功时返回编号和查询码，查询码只显示这一次")
            .Produces<Submitted>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        SubmissionChallenge.Map(group);
    }

    /// <summary>The body limit of the submission endpoint (the host's is 1 MB; files need more).</summary>
    private sealed class BodyLimit(long bytes) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }
}

/// <summary>The /submit page's body limit, a constant because it is an attribute: 3 files of 10 MB (the default attachment limit) and the text.</summary>
internal static class SubmitPageLimits
{
    public const long MaxBodyBytes = (SubmitPetition.MaxAttachments * 10L * 1024 * 1024) + (1024 * 1024);
}
