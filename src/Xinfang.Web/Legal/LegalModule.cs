using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Legal;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Legal;

/// <summary>
/// Lawyers and legal aid, 案审 and 典型案例 (issue 14, domain.md §10; ADR 0142): lawyers' opinions on items, receptions and
/// 复查/复核; referrals of petitioners in hardship to 法律援助, 社会救助 or 司法救助 (条例 Art. 37 ¶2) with their outcome;
/// "三到位一处理" case reviews; a library of anonymised typical cases, published on the portal with consent. Pages
/// <c>/legal</c>, <c>/case-reviews</c>, <c>/typical-cases</c> (staff) and <c>/guide/cases</c> (public); API under
/// <c>/api/legal</c>, <c>/api/case-reviews</c>, <c>/api/typical-cases</c>.
/// </summary>
public static class LegalModule
{
    public static WebApplicationBuilder AddLegal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LegalDesk>();
        builder.Services.AddScoped<CaseReviewDesk>();
        builder.Services.AddScoped<TypicalCaseDesk>();
        builder.Services.AddScoped<LegalFigures>();
        return builder;
    }

    public static void MapLegal(this IEndpointRouteBuilder app)
    {
        var legal = app.MapGroup("/api/legal").RequireAuthorization().DisableAntiforgery().WithTags("律师参与和法律援助");
        legal.MapPost("/opinions", async (LegalDesk.OpinionRequest r, LegalDesk desk, CancellationToken ct) =>
                (await desk.RecordOpinionAsync(r, ct)).ToResult(v => $"/api/legal/opinions/{v.Id}"))
            .WithSummary("记录律师意见：律师姓名、律师事务所、日期和意见，针对信访事项办理、接访（receptionSessionId）或复查复核")
            .Produces<OpinionView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        legal.MapGet("/opinions", async (Guid? petition, LegalDesk desk, CancellationToken ct) => Results.Ok(await desk.OpinionsAsync(petition, ct)))
            .WithSummary("律师意见（本人可以查看的信访件；petition 只看一件）").Produces<IReadOnlyList<OpinionView>>();
        legal.MapGet("/opinions/{id:guid}", async (Guid id, LegalDesk desk, CancellationToken ct) => await desk.FindOpinionAsync(id, ct) is { } v ? Results.Ok(v) : Answers.NotFound("律师意见"))
            .WithSummary("一份律师意见").Produces<OpinionView>().ProducesProblem(StatusCodes.Status404NotFound);
        legal.MapPost("/referrals", async (LegalDesk.ReferralRequest r, LegalDesk desk, CancellationToken ct) =>
                (await desk.ReferAsync(r, ct)).ToResult(v => $"/api/legal/referrals/{v.Id}"))
            .WithSummary("转介帮扶救助（条例第三十七条第二款）：法律援助（LegalAid）、社会救助（SocialAssistance）或司法救助（JudicialAssistance），接收机构和日期")
            .Produces<ReferralView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        legal.MapGet("/referrals", async (Guid? petition, bool? pending, LegalDesk desk, CancellationToken ct) => Results.Ok(await desk.ReferralsAsync(petition, pending ?? false, ct)))
            .WithSummary("帮扶救助转介（本人可以查看的信访件；pending=true 只看待反馈的）").Produces<IReadOnlyList<ReferralView>>();
        legal.MapGet("/referrals/{id:guid}", async (Guid id, LegalDesk desk, CancellationToken ct) => await desk.FindReferralAsync(id, ct) is { } v ? Results.Ok(v) : Answers.NotFound("转介"))
            .WithSummary("一次转介及其结果").Produces<ReferralView>().ProducesProblem(StatusCodes.Status404NotFound);
        legal.MapPost("/referrals/{id:guid}/outcome", async (Guid id, LegalDesk.ReferralOutcomeRequest r, LegalDesk desk, CancellationToken ct) => (await desk.RecordOutcomeAsync(id, r, ct)).ToResult())
            .WithSummary("记录转介结果：已受理（Accepted）、已援助（Assisted）、不符合条件（NotEligible）或未申请（NotApplied），只记录一次")
            .Produces<ReferralView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        legal.MapGet("/petition/{petitionId:guid}", async (Guid petitionId, LegalDesk desk, CaseReviewDesk reviews, TypicalCaseDesk cases, CancellationToken ct) =>
                await desk.OfItemAsync(petitionId, reviews, cases, ct) is { } v ? Results.Ok(v) : Answers.NotFound())
            .WithSummary("一件信访件的律师意见、转介、案审和典型案例").Produces<ItemLegalView>().ProducesProblem(StatusCodes.Status404NotFound);
        legal.MapGet("/figures", async (string? organization, string? from, string? to, LegalFigures figures, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var scope = StatisticsEndpoints.ScopeOf(organization, from, to, guard, clock, errors);
            if (errors.Any || scope is null)
            {
                return errors.Problem();
            }

            try
            {
                return Results.Ok(await figures.ComputeAsync(scope, ct));
            }
            catch (StatisticsAccessDenied denied)
            {
                return Answers.Forbidden(denied.Message);
            }
        })
            .WithSummary("律师意见（按针对事项）、转介（按类别和结果）、案审（按结论）、典型案例（编写、发布）统计（机构及下属机构、统计期间）")
            .Produces<LegalFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var reviews = app.MapGroup("/api/case-reviews").RequireAuthorization().DisableAntiforgery().WithTags("案审");
        reviews.MapPost("", async (CaseReviewDesk.ReviewRequest r, CaseReviewDesk desk, CancellationToken ct) => (await desk.RecordAsync(r, ct)).ToResult(v => $"/api/case-reviews/{v.Id}"))
            .WithSummary("案审（三到位一处理）：案审人员、日期，四项逐项认定（applies 适用与否、done 采取的措施）和结论（MayClose、ContinueHandling、ToJointMeeting）")
            .Produces<CaseReviewView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapGet("", async (Guid? petition, CaseReviewDesk desk, CancellationToken ct) => Results.Ok(await desk.ListAsync(petition, ct)))
            .WithSummary("案审（本人可以查看的信访件；petition 只看一件）").Produces<IReadOnlyList<CaseReviewView>>();
        reviews.MapGet("/{id:guid}", async (Guid id, CaseReviewDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } v ? Results.Ok(v) : Answers.NotFound("案审"))
            .WithSummary("一次案审").Produces<CaseReviewView>().ProducesProblem(StatusCodes.Status404NotFound);

        var cases = app.MapGroup("/api/typical-cases").RequireAuthorization().DisableAntiforgery().WithTags("典型案例");
        cases.MapGet("/published", async (Guid? organization, AppDbContext db, OrganizationDirectory directory, CancellationToken ct) =>
                Results.Ok(await TypicalCaseDesk.PublishedAsync(db, directory, organization is { } o && directory.Contains(o) ? o : null, ct)))
            .AllowAnonymous()
            .WithSummary("已公开发布的典型案例（信访公开，无需登录；organization 只看该机关及下属机关的）").Produces<IReadOnlyList<PublicTypicalCase>>();
        cases.MapGet("/draft", async (Guid? petition, string? number, TypicalCaseDesk desk, CancellationToken ct) => (await desk.DraftAsync(petition, number, ct)).ToResult())
            .WithSummary("典型案例初稿：信访件标题和内容（身份证号码、电话号码已遮盖），由工作人员删改姓名、地址等后保存")
            .Produces<TypicalCaseDraft>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("", async (TypicalCaseDesk.CaseRequest r, TypicalCaseDesk desk, CancellationToken ct) => (await desk.CompileAsync(r, ct)).ToResult(v => $"/api/typical-cases/{v.Id}"))
            .WithSummary("编写典型案例：从已办结的信访件，标题、类别、案情摘要和经验启示（不得含姓名、住址、身份证号码、电话号码）")
            .Produces<TypicalCaseView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("", async (bool? published, TypicalCaseDesk desk, CancellationToken ct) => Results.Ok(await desk.ListAsync(published ?? false, ct)))
            .WithSummary("本辖区的典型案例（含未发布的；published=true 只看已发布的）").Produces<IReadOnlyList<TypicalCaseView>>();
        cases.MapGet("/{id:guid}", async (Guid id, TypicalCaseDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } v ? Results.Ok(v) : Answers.NotFound("典型案例"))
            .WithSummary("一件典型案例").Produces<TypicalCaseView>().ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{id:guid}/edit", async (Guid id, TypicalCaseDesk.EditRequest r, TypicalCaseDesk desk, CancellationToken ct) => (await desk.EditAsync(id, r, ct)).ToResult())
            .WithSummary("修改典型案例的标题、类别、案情摘要和经验启示")
            .Produces<TypicalCaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{id:guid}/consent", async (Guid id, TypicalCaseDesk.ConsentRequest r, TypicalCaseDesk desk, CancellationToken ct) => (await desk.RecordConsentAsync(id, r, ct)).ToResult())
            .WithSummary("记录信访人是否同意公开（consent、consentOn）；不同意时已发布的案例即撤回")
            .Produces<TypicalCaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{id:guid}/publish", async (Guid id, TypicalCaseDesk desk, CancellationToken ct) => (await desk.PublishAsync(id, ct)).ToResult())
            .WithSummary("在信访公开中发布（须已记录信访人同意公开）")
            .Produces<TypicalCaseView>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{id:guid}/withdraw", async (Guid id, TypicalCaseDesk desk, CancellationToken ct) => (await desk.WithdrawAsync(id, ct)).ToResult())
            .WithSummary("撤回已发布的典型案例")
            .Produces<TypicalCaseView>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The <c>lawyer_opinions</c>, <c>aid_referrals</c>, <c>case_reviews</c> and <c>typical_cases</c> tables (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<LawyerOpinion>(o =>
        {
            o.ToTable("lawyer_opinions");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Subject).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.LawyerName).HasMaxLength(LawyerOpinion.MaxNameLength);
            o.Property(x => x.Firm).HasMaxLength(LawyerOpinion.MaxFirmLength);
            o.Property(x => x.Text).HasMaxLength(LawyerOpinion.MaxTextLength);
            o.Property(x => x.RecordedBy).HasMaxLength(100);
            o.HasIndex(x => x.PetitionId);
            o.HasIndex(x => new { x.RecordedByOrganizationId, x.GivenOn });
        });
        builder.Entity<AidReferral>(r =>
        {
            r.ToTable("aid_referrals");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.ReceivingBody).HasMaxLength(AidReferral.MaxBodyLength);
            r.Property(x => x.Note).HasMaxLength(AidReferral.MaxNoteLength);
            r.Property(x => x.OutcomeNote).HasMaxLength(AidReferral.MaxNoteLength);
            r.Property(x => x.ReferredBy).HasMaxLength(100);
            r.Property(x => x.OutcomeBy).HasMaxLength(100);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => x.PetitionId);
            r.HasIndex(x => new { x.ReferredByOrganizationId, x.ReferredOn });
        });
        builder.Entity<CaseReview>(c =>
        {
            c.ToTable("case_reviews");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Reviewers).HasMaxLength(CaseReview.MaxReviewersLength);
            c.Property(x => x.ReasonableDone).HasMaxLength(CaseReview.MaxDoneLength);
            c.Property(x => x.UnreasonableDone).HasMaxLength(CaseReview.MaxDoneLength);
            c.Property(x => x.HardshipDone).HasMaxLength(CaseReview.MaxDoneLength);
            c.Property(x => x.UnlawfulDone).HasMaxLength(CaseReview.MaxDoneLength);
            c.Property(x => x.Note).HasMaxLength(CaseReview.MaxNoteLength);
            c.Property(x => x.Conclusion).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.RecordedBy).HasMaxLength(100);
            c.Ignore(x => x.Findings);
            c.HasIndex(x => x.PetitionId);
            c.HasIndex(x => new { x.OrganizationId, x.ReviewedOn });
        });
        builder.Entity<TypicalCase>(c =>
        {
            c.ToTable("typical_cases");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Title).HasMaxLength(TypicalCase.MaxTitleLength);
            c.Property(x => x.Summary).HasMaxLength(TypicalCase.MaxSummaryLength);
            c.Property(x => x.Lessons).HasMaxLength(TypicalCase.MaxLessonsLength);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.CompiledBy).HasMaxLength(100);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.PetitionId);
            c.HasIndex(x => new { x.OrganizationId, x.Published });
        });
    }
}
