using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Mediation;
using Xinfang.Web.Audit;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Mediation;

/// <summary>
/// 调解 and 评理 (issue 14, domain.md §10, 条例 Art. 33, ADR 0138): sessions of a body on items its staff may see,
/// participants, outcome, the 调解协议书/和解协议书 as .docx, the item's 化解情况 citing it (ADR 0139), figures on the
/// dashboard and in the annual report. Pages <c>/mediation</c>, <c>/mediation/{id}</c>; the petition page lists an
/// item's sessions (<see cref="PetitionMediations"/>).
/// </summary>
public static class MediationModule
{
    public static WebApplicationBuilder AddMediation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MediationDesk>();
        builder.Services.AddScoped<MediationFigures>();
        return builder;
    }

    public static void MapMediation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/mediation").RequireAuthorization().DisableAntiforgery().WithTags("调解评理");
        api.MapGet("/sessions", async (string? from, string? to, MediationDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var today = DeadlineTime.LocalDate(clock.GetUtcNow());
            var start = Day(from, "from", "开始日期", today.AddYears(-1), errors);
            var end = Day(to, "to", "结束日期", today, errors);
            if (start is { } a && end is { } b && a > b)
            {
                errors.Add("from", "开始日期不能晚于结束日期");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            return await desk.ListAsync(start!.Value, end!.Value, ct) is { } list ? Results.Ok(list) : Answers.Forbidden("调解评理由登记、办理人员、管理员、领导和督查人员查看");
        })
            .WithSummary("调解、评理（本辖区，按调解日期倒序；from/to 默认近一年）")
            .Produces<IReadOnlyList<MediationSessionView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/sessions", async (MediationDesk.HoldRequest r, MediationDesk desk, CancellationToken ct) => (await desk.HoldAsync(r, ct)).ToResult(created: true))
            .WithSummary("记录一次调解或评理：类型（信访评理室须选评理方式）、日期、地点、涉及的信访件（本账号可查看的）")
            .Produces<MediationSessionView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/sessions/{id:guid}", async (Guid id, MediationDesk desk, CancellationToken ct) => await desk.FindAsync(id, ct) is { } s ? Results.Ok(s) : Answers.NotFound("调解"))
            .WithSummary("一次调解或评理：参加人员、结果、协议书、涉及的信访件（编号和标题）")
            .Produces<MediationSessionView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions/{id:guid}/participants", async (Guid id, MediationDesk.ParticipantsRequest r, MediationDesk desk, CancellationToken ct) => (await desk.RecordParticipantsAsync(id, r, ct)).ToResult())
            .WithSummary("记录参加人员（姓名和身份：调解员、律师、人大代表/政协委员、工会/妇联、部门干部、村（社区）干部）")
            .Produces<MediationSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/outcome", async (Guid id, MediationDesk.OutcomeRequest r, MediationDesk desk, CancellationToken ct) => (await desk.RecordOutcomeAsync(id, r, ct)).ToResult())
            .WithSummary("记录调解结果；达成协议或部分达成的，同时记录调解协议书或和解协议书（《信访工作条例》第三十三条）")
            .Produces<MediationSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{id:guid}/outcome/correction", async (Guid id, MediationDesk.CorrectionRequest r, MediationDesk desk, CancellationToken ct) => (await desk.CorrectOutcomeAsync(id, r, ct)).ToResult())
            .WithSummary("更正已记录的调解结果（本机关，须说明理由；原结果保留在更正记录中，统计按更正后的结果）；已用作信访件化解情况的结果不能更正")
            .Produces<MediationSessionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/sessions/{id:guid}/agreement.docx", async (Guid id, MediationDesk desk, AppDbContext db, CurrentStaff staff, AuditLog audit, CancellationToken ct) =>
        {
            if (await desk.FindAsync(id, ct) is not { } s)
            {
                return Answers.NotFound("调解");
            }

            if (s.Agreement is not { } a)
            {
                return Answers.NotFound("协议书");
            }

            await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, id.ToString(), a.KindName, $"下载{a.KindName}{a.Number}"), ct);
            return TypedResults.File(AgreementDocx.Write(s), AgreementDocx.ContentType, $"agreement-{s.HeldOn:yyyyMMdd}-{s.Id.ToString("N")[..8]}.docx");
        })
            .WithSummary("下载调解协议书或和解协议书（Word .docx；记入审计）")
            .Produces<Stream>(StatusCodes.Status200OK, AgreementDocx.ContentType).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions/{id:guid}/resolution", async (Guid id, MediationDesk.ResolutionRequest r, MediationDesk desk, CancellationToken ct) =>
            {
                var (refused, done) = await desk.RecordResolutionAsync(id, r, ct);
                return refused is not null ? refused.ToResult() : done!.ToResult();
            })
            .WithSummary("按本次调解的结果为已办结的信访件补记化解情况，说明引用协议书编号")
            .Produces<PetitionDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/petition/{petitionId:guid}", async (Guid petitionId, MediationDesk desk, CancellationToken ct) =>
                await desk.OfPetitionAsync(petitionId, ct) is { } list ? Results.Ok(list) : Answers.NotFound())
            .WithSummary("一件信访件的调解、评理（本账号可查看的信访件）")
            .Produces<IReadOnlyList<MediationSessionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/figures", async (string? organization, string? from, string? to, MediationFigures figures, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
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
            .WithSummary("调解评理统计：场次（按类型、按评理方式）、涉及信访件、达成协议数和达成协议率、律师和人大代表政协委员参与")
            .Produces<MediationFiguresResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The <c>mediation_sessions</c>, <c>mediation_participants</c>, <c>mediation_outcome_corrections</c> and <c>mediation_session_items</c> tables (called from AppDbContext's model).</summary>
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<MediationSession>(s =>
        {
            s.ToTable("mediation_sessions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Place).HasMaxLength(MediationSession.MaxPlaceLength);
            s.Property(x => x.RecordedBy).HasMaxLength(100);
            s.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.OutcomeNote).HasMaxLength(MediationSession.MaxNoteLength);
            s.Property(x => x.OutcomeBy).HasMaxLength(100);
            s.Property(x => x.AgreementKind).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.AgreementTerms).HasMaxLength(MediationSession.MaxTermsLength);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.Ignore(x => x.HasAgreement);
            s.Ignore(x => x.AgreementNumber);
            s.OwnsMany(x => x.Participants, p =>
            {
                p.ToTable("mediation_participants");
                p.WithOwner().HasForeignKey("SessionId");
                p.Property<int>("Id");
                p.HasKey("Id");
                p.Property(x => x.Name).HasMaxLength(MediationSession.MaxNameLength);
                p.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
            });
            s.Navigation(x => x.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
            s.OwnsMany(x => x.Corrections, c =>
            {
                c.ToTable("mediation_outcome_corrections");
                c.WithOwner().HasForeignKey("SessionId");
                c.Property<int>("Id");
                c.HasKey("Id");
                c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.Note).HasMaxLength(MediationSession.MaxNoteLength);
                c.Property(x => x.AgreementKind).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.AgreementTerms).HasMaxLength(MediationSession.MaxTermsLength);
                c.Property(x => x.AgreementNumber).HasMaxLength(32);
                c.Property(x => x.RecordedBy).HasMaxLength(100);
                c.Property(x => x.CorrectionReason).HasMaxLength(MediationSession.MaxNoteLength);
                c.Property(x => x.CorrectedBy).HasMaxLength(100);
            });
            s.Navigation(x => x.Corrections).UsePropertyAccessMode(PropertyAccessMode.Field);
            s.HasIndex(x => new { x.OrganizationId, x.HeldOn });
            // One number per agreement of a body and year: two recorded at once cannot share one.
            s.HasIndex(x => new { x.OrganizationId, x.AgreementYear, x.AgreementSequence }).IsUnique();
        });
        builder.Entity<MediationSessionItem>(i =>
        {
            i.ToTable("mediation_session_items");
            i.HasKey(x => new { x.SessionId, x.PetitionId });
            i.HasOne<MediationSession>().WithMany().HasForeignKey(x => x.SessionId);
            i.HasIndex(x => x.PetitionId);
        });
    }

    private static DateOnly? Day(string? text, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为yyyy-MM-dd");
            return null;
        }

        errors.Date(day, field, label);
        return DateInput.Contains(day) ? day : null;
    }
}
