using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Attachments;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// The petitioner's side (domain.md §8, issue 11): with the number and the query code — nothing
/// else — follow the item (state, progress bar, every clock in plain words, the documents addressed
/// to them), add 补充材料 while a body handles it, rate the bureau and the unit, and ask for 复查 or
/// 复核. Every action opens the item through <see cref="PetitionerKey"/>, so the wrong-code delays hold
/// on each; what is shown is what the domain addresses to the petitioner (<see cref="ViewForPetitioner"/>);
/// what may be done is what the domain allows (<see cref="SupplementRules"/>, <see cref="EvaluationRules"/>,
/// <see cref="ReviewRights.ForPetitioner"/>). The /track page and /api/public act through the same methods.
/// </summary>
public sealed class TrackPetition(
    AppDbContext db,
    PetitionerKey key,
    TimeProvider clock,
    Evaluation.Ratings ratings,
    OrganizationDirectory directory,
    IOptions<AttachmentOptions> attachmentOptions,
    Privacy.PersonalDataProtector protector)
{
    /// <summary>Longest reasons of an online 复查/复核 request: the names of its files are recorded beside them.</summary>
    public const int MaxReviewReasonsLength = 2000;

    /// <summary>Room for the multipart boundaries and the text fields around the files.</summary>
    public const long FormOverhead = 64 * 1024;

    /// <summary>The /track page's body limit (an attribute needs a constant): the most files at the default attachment limit, and the fields.</summary>
    public const long PageFormLimit = (Petition.MaxSupplementFiles * 10L * 1024 * 1024) + FormOverhead;

    private const string PetitionerId = "petitioner";

    private const string PetitionerName = "信访人";

    public sealed record Request(string? Number, string? QueryCode);

    public sealed record RateRequest(string? Number, string? QueryCode, Satisfaction? Bureau, string? BureauReason, Satisfaction? Unit, string? UnitReason);

    /// <summary>A step as the petitioner sees it: when it was recorded and the day it happened.</summary>
    public sealed record Step(DateTimeOffset At, string Action, string Summary, DateOnly OccurredOn);

    /// <summary>
    /// A clock the petitioner is told about (<see cref="ViewForPetitioner.DeadlinesOf"/>): which
    /// (<see cref="DeadlineKind"/> name), its last day, the body that owes it (null for the petitioner's own
    /// windows), whether handling was extended (条例 Art. 34), whether the day has passed.
    /// </summary>
    public sealed record DeadlineView(string Kind, DateOnly DueOn, string? OrganizationName, bool Extended, bool Passed);

    public sealed record BodyView(Guid Id, string Name);

    /// <summary>The 复查 (RequestReview) or 复核 (RequestReReview) the petitioner may ask now: of which bodies (the first preselected), until when, days left.</summary>
    public sealed record ReviewView(string Action, string Name, IReadOnlyList<BodyView> Bodies, DateOnly DueOn, int DaysLeft);

    /// <summary>Which bodies may still be rated, by name: the 信访部门 that forwarded or assigned, and the 责任单位 that handled.</summary>
    public sealed record RatingView(bool Bureau, string? BureauName, bool Unit, string? UnitName);

    public sealed record Progress(
        string Number,
        string Title,
        string StateName,
        DateOnly ReceivedOn,
        string? CurrentOrganizationName,
        DateOnly? CurrentDueOn,
        bool CanRate,
        string? EvaluationStatus,
        string EvaluationStatusName,
        IReadOnlyList<Step> Steps,
        IReadOnlyList<DocumentView> Documents,
        string State,
        string Stage,
        IReadOnlyList<DeadlineView> Deadlines,
        RatingView? Rating,
        bool CanSupplement,
        string? SupplementClosedBecause,
        ReviewView? Review,
        string? ReviewClosedBecause);

    /// <summary>
    /// What an action gave: the progress after it; the bad fields (nothing saved); a refusal of the
    /// domain (409, nothing saved); or the key's answer (404 for a wrong number or code, 429 to wait).
    /// </summary>
    public sealed record Outcome(Progress? Progress, RequestErrors? Errors, DomainRuleViolation? Refusal, IResult? KeyProblem)
    {
        public static Outcome Done(Progress progress) => new(progress, null, null, null);

        public static Outcome Invalid(RequestErrors errors) => new(null, errors, null, null);

        public static Outcome Refused(DomainRuleViolation refusal) => new(null, null, refusal, null);

        public static Outcome Key(IResult problem) => new(null, null, null, problem);

        /// <summary>How long the client must wait (wrong codes), when that is the answer.</summary>
        public TimeSpan? RetryAfter => KeyProblem is TooManyRequests wait ? wait.RetryAfter : null;

        public IResult ToResult() => this switch
        {
            { Progress: { } p } => TypedResults.Ok(p),
            { Errors: { } e } => e.Problem(),
            { Refusal: { } r } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "当前不能执行该操作", detail: r.Message, extensions: new Dictionary<string, object?> { ["code"] = r.Code }),
            _ => KeyProblem!,
        };
    }

    private long MaxBytes => attachmentOptions.Value.MaxBytes;

    /// <summary>The largest portal form with files: the most files, each at the attachment limit, and the fields.</summary>
    public long MaxFormBytes => (Petition.MaxSupplementFiles * MaxBytes) + FormOverhead;

    /// <summary>For the portal page: the progress, or null when the number or the code is wrong.</summary>
    public async Task<Progress?> LookupAsync(string? number, string? code, CancellationToken ct)
    {
        var (petition, problem) = await key.OpenForReadingAsync(number, code, ct);
        return problem is null ? await ProgressOfAsync(petition!, ct) : null;
    }

    // ── trust-surface (issue 4): the page learns when it must ask the client to wait (429) ──
    /// <summary>For the portal page: the progress (null when the number or code is wrong), or how long to wait.</summary>
    public async Task<(Progress? Progress, TimeSpan? RetryAfter)> LookupOrWaitAsync(string? number, string? code, CancellationToken ct)
    {
        var (petition, problem) = await key.OpenForReadingAsync(number, code, ct);
        return problem switch
        {
            null => (await ProgressOfAsync(petition!, ct), null),
            TooManyRequests wait => (null, wait.RetryAfter),
            _ => (null, null),
        };
    }
    // ── end trust-surface ──

    public async Task<IResult> QueryAsync(Request r, CancellationToken ct)
    {
        var (petition, problem) = await key.OpenForReadingAsync(r.Number, r.QueryCode, ct);
        return problem ?? TypedResults.Ok(await ProgressOfAsync(petition!, ct));
    }

    /// <summary>
    /// 评价 (domain.md §8): the bureau and the unit separately, a reason for 不满意; the domain decides
    /// whether the window is open (<see cref="EvaluationRules"/>). Each 不满意 opens a 回访 (<see cref="Evaluation.Ratings"/>).
    /// </summary>
    public async Task<Outcome> RateAsync(RateRequest r, CancellationToken ct)
    {
        var errors = RecordRating.Validate(new RecordRating.Request(r.Bureau, r.BureauReason, r.Unit, r.UnitReason));
        if (errors.Any)
        {
            return Outcome.Invalid(errors);
        }

        return await ActAsync(r.Number, r.QueryCode, (p, now) =>
        {
            ratings.Rate(p, r.Bureau, r.BureauReason, r.Unit, r.UnitReason, Actor.Petitioner(p.CurrentOrganizationId), now);
            return [];
        }, ct);
    }

    /// <summary>补充材料: text and files while a body still handles the item (<see cref="SupplementRules"/>), seen by the staff holding it.</summary>
    public async Task<Outcome> SupplementAsync(string? number, string? code, string? text, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(text, "text", "补充说明", Petition.MaxNoteLength, required: false);
        if (string.IsNullOrWhiteSpace(text) && files.Count == 0)
        {
            errors.Add("text", "请填写补充说明或上传附件");
        }

        var checkedFiles = await CheckAsync(files, errors, ct);
        if (errors.Any)
        {
            return Outcome.Invalid(errors);
        }

        return await ActAsync(number, code, (p, now) =>
        {
            p.AddSupplement(string.IsNullOrWhiteSpace(text) ? null : text, [.. checkedFiles.Select(f => f.FileName)], Actor.Petitioner(p.CurrentOrganizationId), now);
            return checkedFiles;
        }, ct);
    }

    /// <summary>
    /// 复查 (条例 Art. 35) or 复核 (Art. 36), whichever the item allows now (<see cref="ReviewRights.ForPetitioner"/>),
    /// of the preselected body unless another proper one is named; registered at that body (it holds the
    /// item and sees it in its work list) with the moment of submission, by the domain's own path
    /// (<see cref="Petition.RequestReview"/>, <see cref="Petition.RequestReReview"/>) — the one staff use too.
    /// </summary>
    public async Task<Outcome> RequestReviewAsync(string? number, string? code, Guid? reviewOrganizationId, string? reasons, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(reasons, "reasons", "请求理由", MaxReviewReasonsLength);
        var checkedFiles = await CheckAsync(files, errors, ct);
        if (errors.Any)
        {
            return Outcome.Invalid(errors);
        }

        var tree = directory.Tree;
        return await ActAsync(number, code, (p, now) =>
        {
            var (right, refusal) = ReviewRights.ForPetitioner(p, tree, DeadlineTime.LocalDate(now));
            if (refusal is not null)
            {
                throw refusal;
            }

            // The preselected body unless the petitioner chose another; the domain refuses one that is not 上一级 (409 with the article).
            var body = reviewOrganizationId is { } chosen
                ? tree.Find(chosen) ?? throw new DomainRuleViolation("review-body-unknown", "请选择存在的复查（复核）机关", "reviewOrganizationId")
                : right!.Bodies[0];
            var said = reasons!.Trim() + (checkedFiles.Count == 0 ? string.Empty : $"（附件{checkedFiles.Count}个：{string.Join("、", checkedFiles.Select(f => f.FileName))}）");
            var actor = Actor.Petitioner(p.CurrentOrganizationId);
            if (right!.ReReview)
            {
                p.RequestReReview(body, tree, said, actor, now);
            }
            else
            {
                p.RequestReview(body, tree, said, actor, now);
            }

            return checkedFiles;
        }, ct);
    }

    /// <summary>Reads a multipart portal form (API), within the limits of its files; a form too large is a 413, a malformed one a 400.</summary>
    public async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxFormBytes)
        {
            return (null, TooLarge());
        }

        if (!(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(statusCode: 415, title: "请求格式有误", detail: "请以 multipart/form-data 提交，附件字段名为 files"));
        }

        // The host's 1 MB body limit is raised for this request only, to the files' limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxFormBytes;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxFormBytes,
            ValueCountLimit = 32,
            KeyLengthLimit = 100,
            ValueLengthLimit = 3 * Petition.MaxNoteLength * 4,
            MultipartHeadersLengthLimit = 16 * 1024,
        }));
        try
        {
            return (await http.Request.ReadFormAsync(ct), null);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, TypedResults.Problem(statusCode: 400, title: "请求格式有误", detail: "提交内容无法识别"));
        }
    }

    private Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: 413, title: "文件过大",
        detail: $"每个附件不能超过 {MaxBytes / (1024.0 * 1024.0):0.#} MB，一次最多 {Petition.MaxSupplementFiles} 个");

    /// <summary>Every file through the Attachments module's checks (<see cref="PetitionAttachments.Check"/>), and the count limit; each problem named under "files".</summary>
    private async Task<List<CheckedFile>> CheckAsync(IReadOnlyList<IFormFile> files, RequestErrors errors, CancellationToken ct)
    {
        var result = new List<CheckedFile>();
        var present = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (present.Count > Petition.MaxSupplementFiles)
        {
            errors.Add("files", $"一次最多上传{Petition.MaxSupplementFiles}个附件，您选择了{present.Count}个");
            return result;
        }

        foreach (var file in present)
        {
            if (file.Length > MaxBytes)
            {
                errors.Add("files", $"文件 {PetitionAttachments.CleanName(file.FileName)} 过大：附件不能超过 {MaxBytes / (1024.0 * 1024.0):0.#} MB");
                continue;
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, ct);
            }

            // The same checks as every upload, staff and online petition alike (PetitionAttachments.Check, ADR 0052).
            var (ok, refusal) = PetitionAttachments.Check(content, file.FileName, MaxBytes);
            if (ok is { } f)
            {
                result.Add(new CheckedFile(f.Name, f.Kind, content));
            }
            else
            {
                errors.Add("files", $"文件 {PetitionAttachments.CleanName(file.FileName)}：{refusal!.Detail}");
            }
        }

        return result;
    }

    /// <summary>Opens the item with the key, runs the domain step (which may refuse), stores the files it returns, saves.</summary>
    private async Task<Outcome> ActAsync(string? number, string? code, Func<Petition, DateTimeOffset, IReadOnlyList<CheckedFile>> act, CancellationToken ct)
    {
        var (petition, problem) = await key.OpenAsync(number, code, ct);
        if (problem is not null)
        {
            return Outcome.Key(problem);
        }

        var now = clock.GetUtcNow();
        var loadedVersion = petition!.Version;
        IReadOnlyList<CheckedFile> files;
        try
        {
            files = act(petition, now);
        }
        catch (DomainRuleViolation v) when (v.Field is { } field)
        {
            return Outcome.Invalid(new RequestErrors().Add(field, v.Message));
        }
        catch (DomainRuleViolation v)
        {
            return Outcome.Refused(v);
        }

        // The files go with the item (ADR 0052): the staff holding it list and download them beside the history entry.
        foreach (var f in files)
        {
            db.Add(PetitionAttachments.Sealed(petition.Id, f.Kind, f.FileName, f.Content, PetitionerId, PetitionerName, now, protector));
        }

        await PetitionStore.SaveAsync(db, petition, loadedVersion, ct);
        return Outcome.Done(await ProgressOfAsync(petition, ct));
    }

    private async Task<Progress> ProgressOfAsync(Petition p, CancellationToken ct)
    {
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        var names = await OrganizationNames.LoadAsync(db, directory, new[] { p.CurrentOrganizationId, p.DispatchingOrganizationId, p.HandlingOrganizationId, p.ReviewOrganizationId, p.ReReviewOrganizationId }
            .Where(id => id is not null).Select(id => id!.Value), ct);
        string? NameOf(Guid? id) => id is { } x ? names.GetValueOrDefault(x) : null;

        // Only what is addressed to the petitioner: the domain decides (ViewForPetitioner), not this page.
        var view = ViewForPetitioner.Of(p);
        var steps = view.Steps.Select(h => new Step(h.At, PetitionDetail.HistoryActionName(h.Action), h.Summary, h.OccurredOn)).ToList();
        var docs = view.Documents.Select(d => new DocumentView(d.Id, d.Kind.ToString(), d.Title, d.Body, d.IssuedOn, true)).ToList();
        var deadlines = ViewForPetitioner.DeadlinesOf(p).Select(d => new DeadlineView(d.Kind.ToString(), d.DueOn, d.Kind switch
        {
            DeadlineKind.BureauDisposition or DeadlineKind.NoticeOfReceipt => NameOf(p.CurrentOrganizationId),
            DeadlineKind.Handling => NameOf(p.HandlingOrganizationId ?? p.CurrentOrganizationId),
            DeadlineKind.ReviewOpinion => NameOf(p.ReviewOrganizationId),
            DeadlineKind.ReReviewOpinion => NameOf(p.ReReviewOrganizationId),
            _ => null,
        }, d.Kind == DeadlineKind.Handling && p.Extensions.Count > 0, today > d.DueOn)).ToList();

        // domain.md §8: the domain says whether a rating can still be taken (window, 不参评), closed or not.
        var canRate = Lifecycle.IsAllowed(p.State, PetitionAction.Rate) && EvaluationRules.RefusalOfRating(p, today) is null && (p.BureauRating is null || p.UnitRating is null);
        // The bureau is rated where one forwarded or assigned the item; the unit is the body that handled it (domain.md §8).
        var rating = canRate
            ? new RatingView(p.BureauRating is null && p.DispatchingOrganizationId is not null, NameOf(p.DispatchingOrganizationId), p.UnitRating is null, NameOf(p.HandlingOrganizationId ?? p.CurrentOrganizationId))
            : null;
        var evaluation = p.EvaluationStatusOn(today);
        var (right, refusal) = ReviewRights.ForPetitioner(p, directory.Tree, today);
        var review = right is null ? null
            : new ReviewView(right.Action.ToString(), right.Name, [.. right.Bodies.Select(b => new BodyView(b.Id, b.Name))], right.DueOn, right.DaysLeft);
        return new Progress(p.Number, p.Title, Lifecycle.NameOf(p.State), p.ReceivedOn, NameOf(p.CurrentOrganizationId), p.CurrentDueOn, canRate,
            evaluation?.ToString(), EvaluationRules.NameOf(evaluation), steps, docs,
            p.State.ToString(), ViewForPetitioner.StageOf(p).ToString(), deadlines, rating,
            SupplementRules.Refusal(p) is null, SupplementRules.Refusal(p)?.Message, review, refusal?.Message);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").AllowAnonymous().WithTags("信访人查询评价").DisableAntiforgery();
        group.MapPost("/progress", (Request r, TrackPetition uc, CancellationToken ct) => uc.QueryAsync(r, ct))
            .WithSummary("凭编号和查询码查询办理进展").Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/rating", async (RateRequest r, TrackPetition uc, CancellationToken ct) => (await uc.RateAsync(r, ct)).ToResult())
            .WithSummary("信访人评价信访部门和责任单位").Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/supplements", async (HttpContext http, TrackPetition uc, CancellationToken ct) =>
            {
                var (form, problem) = await uc.ReadFormAsync(http, ct);
                return form is null ? problem! : (await uc.SupplementAsync(form["number"], form["queryCode"], form["text"], form.Files.GetFiles("files"), ct)).ToResult();
            })
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("信访人提交补充材料（multipart：number、queryCode、text、files，最多5个附件，类型按内容判断）")
            .Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/review", async (HttpContext http, TrackPetition uc, CancellationToken ct) =>
            {
                var (form, problem) = await uc.ReadFormAsync(http, ct);
                if (form is null)
                {
                    return problem!;
                }

                Guid? body = null;
                if (!string.IsNullOrWhiteSpace(form["reviewOrganizationId"]))
                {
                    if (!Guid.TryParse(form["reviewOrganizationId"], out var id))
                    {
                        return new RequestErrors().Add("reviewOrganizationId", "复查（复核）机关格式有误").Problem();
                    }

                    body = id;
                }

                return (await uc.RequestReviewAsync(form["number"], form["queryCode"], body, form["reasons"], form.Files.GetFiles("files"), ct)).ToResult();
            })
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("信访人申请复查或复核（multipart：number、queryCode、reasons、可选 reviewOrganizationId、files；向预选的上一级机关提出）")
            .Produces<Progress>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
