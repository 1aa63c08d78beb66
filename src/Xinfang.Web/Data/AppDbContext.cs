using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Data;

/// <summary>
/// The one DbContext, used directly by the use cases (no repositories). Each provider has a derived
/// context with its own migrations (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options)
{
    /// <summary>
    /// Every petition of the deployment, unscoped. Banned in Xinfang.Web (BannedSymbols.Petitions.txt)
    /// so that an unscoped query cannot be written by accident: pages and endpoints read items through
    /// <see cref="PetitionGuard.Petitions"/> (the caller's scope, <see cref="PetitionScope"/>); the few
    /// whole-deployment readers use <see cref="PetitionsAcrossDeployment"/> and say why. Tests use it freely.
    /// </summary>
    public DbSet<Petition> Petitions => Set<Petition>();

    /// <summary>
    /// Every petition of the deployment, for the readers that must see all of it and show nothing of it
    /// to a staff member outside their scope: the deadline sweeper and recomputation, the text index,
    /// the repeat check at registration (domain.md §12), the petitioner's number-and-code lookup,
    /// migrations and demo data. Each use says why. Staff-facing lists and lookups use
    /// <see cref="PetitionGuard.Petitions"/> instead.
    /// </summary>
    public IQueryable<Petition> PetitionsAcrossDeployment => Set<Petition>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<PetitionNumberCounter> PetitionNumberCounters => Set<PetitionNumberCounter>();

    public DbSet<Deadlines.HolidayScheduleRecord> HolidaySchedules => Set<Deadlines.HolidayScheduleRecord>();

    public DbSet<Deadlines.JurisdictionPolicyRecord> JurisdictionPolicies => Set<Deadlines.JurisdictionPolicyRecord>();
    // --- Text analysis (src/Xinfang.Web/TextAnalysis, issue 5): index, repeat keys, classifier feedback ---
    public DbSet<TextAnalysis.PetitionText> PetitionTexts => Set<TextAnalysis.PetitionText>();

    public DbSet<TextAnalysis.PetitionBandKey> PetitionBandKeys => Set<TextAnalysis.PetitionBandKey>();

    public DbSet<TextAnalysis.PetitionerBlindKey> PetitionerBlindKeys => Set<TextAnalysis.PetitionerBlindKey>();

    public DbSet<TextAnalysis.ClassificationFeedback> ClassificationFeedback => Set<TextAnalysis.ClassificationFeedback>();

    public DbSet<TextAnalysis.TextIndexState> TextIndexStates => Set<TextAnalysis.TextIndexState>();
    // --- end text analysis ---
    // --- Trust (issue 4, src/Xinfang.Web/Audit and Privacy): audit trail; personal data encrypted at rest ---
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Audit.AuditChainHead> AuditChainHead => Set<Audit.AuditChainHead>();

    /// <summary>The app's personal-data protector, used by the petitioners' value converters (null at design time).</summary>
    public Privacy.PersonalDataProtector? PersonalData { get; } = Privacy.PersonalDataModel.ProtectorOf(options);
    // --- end trust ---

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset, and PostgreSQL's timestamptz takes UTC only: store UTC DateTime.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Organization>(o =>
        {
            o.ToTable("organizations");
            o.HasKey(x => x.Id);
            o.Property(x => x.Code).HasMaxLength(32);
            o.HasIndex(x => x.Code).IsUnique();
            o.Property(x => x.Name).HasMaxLength(100);
            o.Property(x => x.DivisionCode).HasMaxLength(12);
            o.Property(x => x.Line).HasMaxLength(Organization.MaxLineLength);
            o.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            o.HasIndex(x => x.ParentId);
            o.Ignore(x => x.IsMerged); // admin-roles (ADR 0127): MergedIntoId and MergedOn are stored
        });

        builder.Entity<Deadlines.HolidayScheduleRecord>(h =>
        {
            h.ToTable("holiday_schedules");
            h.HasKey(x => x.Year);
            h.Property(x => x.Year).ValueGeneratedNever();
            h.Property(x => x.Text).HasMaxLength(20_000);
            h.Property(x => x.LoadedBy).HasMaxLength(100);
        });

        builder.Entity<Deadlines.JurisdictionPolicyRecord>(j =>
        {
            j.ToTable("jurisdiction_policies");
            j.HasKey(x => x.OrganizationId);
            j.Property(x => x.OverrideJson).HasMaxLength(8_000);
            j.Property(x => x.UpdatedBy).HasMaxLength(100);
        });

        builder.Entity<PetitionNumberCounter>(c =>
        {
            c.ToTable("petition_number_counters");
            c.HasKey(x => new { x.OrganizationId, x.Year });
        });

        builder.Entity<Petition>(p =>
        {
            p.ToTable("petitions");
            p.HasKey(x => x.Id);
            p.Ignore(x => x.Policy);
            p.Ignore(x => x.Calendar);
            p.Ignore(x => x.CurrentDeadline);
            p.Ignore(x => x.AllowedActions);
            p.Ignore(x => x.IsRepeat);
            p.Ignore(x => x.IdentityUnclear);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.Number).HasMaxLength(48);
            p.Property(x => x.QueryCodeHash).HasMaxLength(64);
            p.Property(x => x.Title).HasMaxLength(Petition.MaxTitleLength);
            p.Property(x => x.Content).HasMaxLength(Petition.MaxContentLength);
            p.Property(x => x.RegisteredBy).HasMaxLength(100);
            p.Property(x => x.ContentClassCode).HasMaxLength(12);
            p.Property(x => x.IssueLocationCode).HasMaxLength(12);
            p.Property(x => x.Accused).HasMaxLength(200);
            p.Property(x => x.BureauRatingReason).HasMaxLength(Petition.MaxNoteLength);
            p.Property(x => x.UnitRatingReason).HasMaxLength(Petition.MaxNoteLength);
            foreach (var e in new[] { "Form", "Category", "Purpose", "State", "Route", "DecisionOutcome", "ServiceMethod", "BureauRating", "UnitRating", "StateBeforeObjection", "ClosedBecause", "RegisteringLevel" })
            {
                p.Property(e).HasConversion<string>().HasMaxLength(32);
            }

            // Lookups and the work list must not scan, at ten million rows.
            p.HasIndex(x => x.Number).IsUnique();
            p.HasIndex(x => new { x.CurrentOrganizationId, x.CurrentDueAtUtc });
            p.HasIndex(x => new { x.CurrentOrganizationId, x.State, x.CurrentDueAtUtc });
            p.HasIndex(x => new { x.RegisteringOrganizationId, x.RegisteredAt });
            // 全文检索 shows hits newest first: walked back from today, a page of a word found in most items reads a page of
            // rows instead of sorting every hit (issue 16, bench/RESULTS.md "Scale").
            p.HasIndex(x => new { x.RegisteredAt, x.Id });
            p.HasIndex(x => x.FirstItemId);
            p.HasIndex(x => x.AccusedOrganizationId);

            p.OwnsMany(x => x.Petitioners, o =>
            {
                o.ToTable("petitioners");
                o.WithOwner().HasForeignKey("PetitionId");
                o.Property<int>("Id");
                o.HasKey("Id");
                o.Property(x => x.Name).HasMaxLength(100);
                // Trust (issue 4): ID number, phone, address encrypted; ID/phone searchable by blind index (ADR 0040, 0041).
                Privacy.PersonalDataModel.ConfigurePetitioners(o, PersonalData);
                o.Property(x => x.Workplace).HasMaxLength(200);
                o.Property(x => x.IdType).HasConversion<string>().HasMaxLength(24);
                o.HasIndex(x => x.Name);
            });
            p.OwnsMany(x => x.History, o =>
            {
                o.ToTable("petition_history");
                o.WithOwner().HasForeignKey("PetitionId");
                o.HasKey("PetitionId", nameof(HistoryEntry.Sequence));
                o.Property(x => x.Action).HasMaxLength(40);
                o.Property(x => x.ActorId).HasMaxLength(64);
                o.Property(x => x.ActorName).HasMaxLength(100);
                o.Property(x => x.Summary).HasMaxLength(Petition.MaxNoteLength + 200);
                o.Property(x => x.FromState).HasConversion<string>().HasMaxLength(32);
                o.Property(x => x.ToState).HasConversion<string>().HasMaxLength(32);
                o.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
                o.Property(x => x.PetitionerSummary).HasMaxLength(400);
            });
            p.OwnsMany(x => x.Documents, o =>
            {
                o.ToTable("petition_documents");
                o.WithOwner().HasForeignKey("PetitionId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
                o.Property(x => x.Title).HasMaxLength(100);
                o.Property(x => x.Body).HasMaxLength(Petition.MaxContentLength);
                o.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
                o.Ignore(x => x.AddressedToPetitioner);
            });
            p.OwnsMany(x => x.Deadlines, o =>
            {
                o.ToTable("petition_deadlines");
                o.WithOwner().HasForeignKey("PetitionId");
                o.Property<int>("Id");
                o.HasKey("Id");
                o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
                o.Property(x => x.StartLabel).HasMaxLength(64);
                o.Property(x => x.PeriodUnit).HasConversion<string>().HasMaxLength(16);
                o.Property(x => x.Explanation).HasMaxLength(2000);
                o.Ignore(x => x.IsOpen);
                o.Ignore(x => x.Period);
            });
            p.OwnsMany(x => x.Recusals, o =>
            {
                o.ToTable("petition_recusals");
                o.WithOwner().HasForeignKey("PetitionId");
                o.Property<int>("Id");
                o.HasKey("Id");
                o.Property(x => x.UserId).HasMaxLength(64);
                o.Property(x => x.UserName).HasMaxLength(100);
                o.Property(x => x.Reason).HasMaxLength(Petition.MaxNoteLength);
            });
            p.OwnsMany(x => x.Hearings, o =>
            {
                o.ToTable("petition_hearings");
                o.WithOwner().HasForeignKey("PetitionId");
                o.Property<int>("Id");
                o.HasKey("Id");
                o.Property(x => x.Summary).HasMaxLength(Petition.MaxNoteLength);
            });
            p.OwnsMany(x => x.Extensions, o =>
            {
                o.ToTable("petition_extensions");
                o.WithOwner().HasForeignKey("PetitionId");
                o.Property<int>("Id");
                o.HasKey("Id");
                o.Property(x => x.ApprovedBy).HasMaxLength(100);
                o.Property(x => x.Reason).HasMaxLength(Petition.MaxNoteLength);
            });
        });

        builder.Entity<StaffUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
            u.Property(x => x.OtherRoles).HasMaxLength(200); // admin-roles (ADR 0126): the further roles held
            u.HasIndex(x => x.OrganizationId);
        });

        // ── Supervision (issue 3): deadline_warnings, leases, 督办 notices, recommendations, joint-meeting measures ──
        Supervision.SupervisionModel.Configure(builder);
        Casework.WorkflowActions.Configure(builder); // wb-workflow (issue 13): draft, extension request, void columns
        Instructions.InstructionsModule.Configure(builder); // wb-workflow (issue 13): leader_instructions
        Reception.ReceptionModule.Configure(builder); // reception (issue 14): reception_sessions, reception_attendees, reception_session_items
        Campaigns.CampaignModule.Configure(builder); // campaigns (issue 14): campaigns, campaign_entries, campaign_progress_notes, backlog_flags
        Ownership.OwnershipModule.Configure(builder); // ownership (issue 14): case_ownerships, milestones, notes
        CoHandling.CoHandlingModule.Configure(builder); // cohandling (issue 14): co_handling_tasks (主办/协办)
        Legal.LegalModule.Configure(builder); // legal (issue 14): lawyer_opinions, aid_referrals, case_reviews, typical_cases
        Screening.ScreeningModule.Configure(builder); // screening (issue 14): screening_rounds, screening_findings, warnings, warning_notes
        Duty.DutyModule.Configure(builder); // duty (issue 14): special_periods, duty_roster, duty_reports, urgent_reports, urgent_report_steps
        JointMeetings.JointMeetingsModule.Configure(builder); // duty (issue 14): joint_meetings, meeting_decisions, meeting_decision_notes
        Mediation.MediationModule.Configure(builder); // mediation (issue 14): mediation_sessions, mediation_participants, mediation_session_items
        Workbench.SavedWorkFilters.Configure(builder); // wb-mine (issue 13): saved_work_filters, 首办责任人 columns
        // ── end Supervision ──
        // ── Evaluation (issue 10): return_visits after a 不满意 rating ──
        Evaluation.EvaluationModule.Configure(builder);
        // ── end Evaluation ──
        // --- Text analysis (issue 5) ---
        TextAnalysis.TextModel.Configure(builder);
        // --- end text analysis ---
        // --- Trust (issue 4): audit_entries and its one-row chain head ---
        Audit.AuditModel.Configure(builder);
        // --- end trust ---
        // ── trust-surface (issue 4): petition attachments, wrong-query-code counters ──
        Attachments.PetitionAttachment.Configure(builder);
        Security.QueryCodeAttempt.Configure(builder);
        Security.IdempotencyRecord.Configure(builder);
        // ── end trust-surface ──
        // ── issue 9 (sessions): server-side staff sessions, recent password hashes ──
        Identity.StaffSession.Configure(builder);
        Identity.PasswordHistoryEntry.Configure(builder);
        // ── portal-info (issue 11): 信访公开 revisions per organisation ──
        PublicInformation.PublicGuideRevision.Configure(builder);
        // ── stats-engine (issue 12): statistics_facts, the item's 化解情况 ──
        Statistics.StatisticsModel.Configure(builder);
        // ── end stats-engine ──
        // ── wb-documents (issue 13): 文号 counters, issued numbers, 机关代字 per body ──
        Documents.DocumentNumberPrefix.Configure(builder);
    }

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The next petition number of an organisation in a year (信访件编号 is per organisation and year).</summary>
public sealed class PetitionNumberCounter
{
    public Guid OrganizationId { get; set; }

    public int Year { get; set; }

    public int Next { get; set; }
}

/// <summary>SQLite: the embedded default, a file in the app's data folder.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL: the production database.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
