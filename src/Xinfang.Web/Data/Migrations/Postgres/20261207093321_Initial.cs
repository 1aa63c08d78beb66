using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Xinfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aid_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ReceivingBody = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReferredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReferredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReferredByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_referrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    OtherRoles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorOrganizationId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "backlog_flags",
                columns: table => new
                {
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(110)", maxLength: 110, nullable: false),
                    FlaggedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backlog_flags", x => x.PetitionId);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_ownerships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionNumber = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    AssignedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeaderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LeaderOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Plan = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActiveKey = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_ownerships", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reviewers = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReasonableApplies = table.Column<bool>(type: "boolean", nullable: false),
                    ReasonableDone = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UnreasonableApplies = table.Column<bool>(type: "boolean", nullable: false),
                    UnreasonableDone = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HardshipApplies = table.Column<bool>(type: "boolean", nullable: false),
                    HardshipDone = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UnlawfulApplies = table.Column<bool>(type: "boolean", nullable: false),
                    UnlawfulDone = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "classification_feedback",
                columns: table => new
                {
                    petition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    suggested_label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    suggestion_was_fallback = table.Column<bool>(type: "boolean", nullable: false),
                    model_version = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    chosen_label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    accepted = table.Column<bool>(type: "boolean", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_classification_feedback", x => x.petition_id);
                });

            migrationBuilder.CreateTable(
                name: "co_handling_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionNumber = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LeadOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeadOrganizationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Task = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NamedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    NamedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NamedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NamedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Feedback = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FeedbackBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FeedbackAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBecause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LeadProceedsBecause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ActiveKey = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_co_handling_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "document_number_counters",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    KindCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_number_counters", x => new { x.OrganizationId, x.Year, x.KindCode });
                });

            migrationBuilder.CreateTable(
                name: "document_number_prefixes",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_number_prefixes", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "holiday_schedules",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    LoadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LoadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holiday_schedules", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.Scope, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "issued_document_numbers",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    KindCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_document_numbers", x => x.DocumentId);
                });

            migrationBuilder.CreateTable(
                name: "joint_meeting_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Target = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    TargetOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RectifyBy = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meeting_measures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joint_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jurisdiction_policies",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OverrideJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jurisdiction_policies", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "lawyer_opinions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReceptionSessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    LawyerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Firm = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lawyer_opinions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leader_instructions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionNumber = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AssignedToOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leader_instructions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "mediation_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OutcomeBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AgreementKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AgreementTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreementYear = table.Column<int>(type: "integer", nullable: true),
                    AgreementSequence = table.Column<int>(type: "integer", nullable: true),
                    CitedAsResolutionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Line = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    MergedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "petition_band_keys",
                columns: table => new
                {
                    band_key = table.Column<long>(type: "bigint", nullable: false),
                    petition_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_band_keys", x => new { x.band_key, x.petition_id });
                });

            migrationBuilder.CreateTable(
                name: "petition_number_counters",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_number_counters", x => new { x.OrganizationId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "petition_text",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    petition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tokens = table.Column<string>(type: "text", nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    index_version = table.Column<int>(type: "integer", nullable: false),
                    indexed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_text", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "petitioner_blind_keys",
                columns: table => new
                {
                    blind_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    petition_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitioner_blind_keys", x => new { x.blind_key, x.petition_id });
                });

            migrationBuilder.CreateTable(
                name: "petitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    QueryCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegisteringOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteringLevel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CurrentOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DispatchingOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    HandlingOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReReviewOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Form = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    Collective = table.Column<bool>(type: "boolean", nullable: false),
                    JointSignature = table.Column<bool>(type: "boolean", nullable: false),
                    HeadCount = table.Column<int>(type: "integer", nullable: false),
                    VisitBatches = table.Column<int>(type: "integer", nullable: false),
                    InvolvedCount = table.Column<int>(type: "integer", nullable: true),
                    ContentClassCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    IssueLocationCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Accused = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AccusedOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Urgent = table.Column<bool>(type: "boolean", nullable: false),
                    ReportedUp = table.Column<bool>(type: "boolean", nullable: false),
                    LitigationRelated = table.Column<bool>(type: "boolean", nullable: false),
                    WithinDisciplineRemit = table.Column<bool>(type: "boolean", nullable: false),
                    SkippedLevel = table.Column<bool>(type: "boolean", nullable: false),
                    SkipLevelDestination = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ConsentToPublish = table.Column<bool>(type: "boolean", nullable: false),
                    FirstItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Route = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionOutcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceMethod = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ServiceSigned = table.Column<bool>(type: "boolean", nullable: true),
                    BureauRating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BureauRatingReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UnitRating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UnitRatingReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOpinionServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReReviewOpinionServedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletionReported = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CurrentDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CurrentDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedBecause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StateBeforeObjection = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Resolution = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ResolutionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftOutcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DraftRequest = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftFacts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftReasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftLegalBasis = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DraftedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DraftReturnedBecause = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RequestedExtensionDays = table.Column<int>(type: "integer", nullable: true),
                    RequestedExtensionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ExtensionRequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExtensionRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VoidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VoidReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResponsibleUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResponsibleName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResponsibleOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReReviewOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_guide_revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    OnlineChannel = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LetterAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Phone = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReceptionPlace = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReceptionHours = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Procedure = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    QueryAndRating = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Other = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EditedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EditedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedItems = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_guide_revisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "query_code_attempts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastFailureAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BlockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_query_code_attempts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "reception_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderPost = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlannedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HeldBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PreviousStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PreviousPlace = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MoveReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CancelledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reception_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    SupervisionNoticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IssuedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressedToOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Consequences = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IssuedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FeedbackDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FeedbackDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FeedbackExplanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Adoption = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Feedback = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FeedbackOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FeedbackRecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "return_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionNumber = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RatedBody = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DissatisfiedReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VisitedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PetitionerView = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_return_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "saved_work_filters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Query = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saved_work_filters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "screening_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodLabel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ScreenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "special_periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    DeclaredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_special_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "staff_password_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_password_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "staff_sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ActiveRole = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statistics_facts",
                columns: table => new
                {
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RegisteringOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredByBureau = table.Column<bool>(type: "boolean", nullable: false),
                    UnitOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    ContentClass = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    IssueLocation = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Persons = table.Column<int>(type: "integer", nullable: false),
                    Batches = table.Column<int>(type: "integer", nullable: false),
                    Collective = table.Column<bool>(type: "boolean", nullable: false),
                    SkippedLevel = table.Column<bool>(type: "boolean", nullable: false),
                    LitigationRelated = table.Column<bool>(type: "boolean", nullable: false),
                    FirstItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    ForwardedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeclinedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RefusedAgainOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DispositionDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DispositionMetOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptanceDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptanceMetOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandlingDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandlingMetOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReplyCalendarDays = table.Column<int>(type: "integer", nullable: true),
                    ReplyWorkingDays = table.Column<int>(type: "integer", nullable: true),
                    TakesPart = table.Column<bool>(type: "boolean", nullable: false),
                    BureauIsRated = table.Column<bool>(type: "boolean", nullable: false),
                    RatingDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BureauRating = table.Column<int>(type: "integer", nullable: true),
                    UnitRating = table.Column<int>(type: "integer", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedBecause = table.Column<int>(type: "integer", nullable: true),
                    Resolution = table.Column<int>(type: "integer", nullable: true),
                    ReviewRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReReviewRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepeatedLater = table.Column<bool>(type: "boolean", nullable: false),
                    Voided = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    ReviewOpinionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOutcome = table.Column<int>(type: "integer", nullable: true),
                    ReReviewOpinionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReReviewOutcome = table.Column<int>(type: "integer", nullable: true),
                    SkipLevelDestination = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_facts", x => x.PetitionId);
                });

            migrationBuilder.CreateTable(
                name: "statistics_months",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteringOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredByBureau = table.Column<bool>(type: "boolean", nullable: false),
                    UnitOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Values = table.Column<string>(type: "text", nullable: false),
                    Layout = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_months", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionNumber = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IssuedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressedToOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FeedbackDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FeedbackDueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FeedbackExplanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Feedback = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FeedbackOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FeedbackRecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "text_index_state",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    watermark = table.Column<Guid>(type: "uuid", nullable: false),
                    index_version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_text_index_state", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "typical_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Lessons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Consent = table.Column<bool>(type: "boolean", nullable: true),
                    ConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompiledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CompiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_typical_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "urgent_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OriginOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DutyReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_urgent_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExpectedPersons = table.Column<int>(type: "integer", nullable: false),
                    RaisedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponsibleOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AssignedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaign_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PetitionNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Matter = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Leader = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OwnerOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Plan = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Progress = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProgressOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_campaign_entries_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_ownership_handovers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromLeaderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromLeaderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromLeaderOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToLeaderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ToLeaderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToLeaderOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    OwnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_ownership_handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_ownership_handovers_case_ownerships_OwnershipId",
                        column: x => x.OwnershipId,
                        principalTable: "case_ownerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_ownership_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OwnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_ownership_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_ownership_milestones_case_ownerships_OwnershipId",
                        column: x => x.OwnershipId,
                        principalTable: "case_ownerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_ownership_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NotedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OwnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_ownership_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_ownership_notes_case_ownerships_OwnershipId",
                        column: x => x.OwnershipId,
                        principalTable: "case_ownerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConvenedByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PetitionIds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_joint_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "joint_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mediation_outcome_corrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AgreementKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AgreementTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreementNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CorrectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CorrectedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CorrectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_outcome_corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mediation_outcome_corrections_mediation_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "mediation_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mediation_participants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mediation_participants_mediation_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "mediation_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mediation_session_items",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_session_items", x => new { x.SessionId, x.PetitionId });
                    table.ForeignKey(
                        name: "FK_mediation_session_items_mediation_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "mediation_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_attachments_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_deadlines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartLabel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodLength = table.Column<int>(type: "integer", nullable: false),
                    PeriodUnit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hours = table.Column<int>(type: "integer", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MetOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_deadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_deadlines_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_documents_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_extensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_extensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_extensions_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_hearings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_hearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_hearings_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_history",
                columns: table => new
                {
                    Sequence = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromState = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ToState = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4200)", maxLength: 4200, nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PetitionerSummary = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_history", x => new { x.PetitionId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_petition_history_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_recusals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MarkedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_recusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_recusals_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitioners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    IdNumber = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    Phone = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Address = table.Column<string>(type: "character varying(1600)", maxLength: 1600, nullable: true),
                    Workplace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsPrincipal = table.Column<bool>(type: "boolean", nullable: false),
                    IdNumberIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhoneIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitioners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petitioners_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reception_attendees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reception_attendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reception_attendees_reception_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "reception_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reception_session_items",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PetitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reception_session_items", x => new { x.SessionId, x.PetitionId });
                    table.ForeignKey(
                        name: "FK_reception_session_items_reception_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "reception_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "screening_findings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Found = table.Column<int>(type: "integer", nullable: false),
                    ResolvedOnSpot = table.Column<int>(type: "integer", nullable: false),
                    ToWarnings = table.Column<int>(type: "integer", nullable: false),
                    ToItems = table.Column<int>(type: "integer", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_screening_findings_screening_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "screening_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Nothing = table.Column<bool>(type: "boolean", nullable: false),
                    Situations = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PetitionIds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_reports_special_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "special_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_roster",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Officer = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Leader = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_roster", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_roster_special_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "special_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "supervision_reminders",
                columns: table => new
                {
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    ById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Automatic = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_reminders", x => new { x.NoticeId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_supervision_reminders_supervision_notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "supervision_notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "urgent_report_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    FromOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_urgent_report_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_urgent_report_steps_urgent_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "urgent_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "warning_deadline_changes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PreviousDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WarningId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_deadline_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warning_deadline_changes_warnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "warnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "warning_notes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WarningId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warning_notes_warnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "warnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaign_progress_notes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_progress_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_campaign_progress_notes_campaign_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "campaign_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decision_notes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_decision_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_decision_notes_meeting_decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "meeting_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_aid_referrals_PetitionId",
                table: "aid_referrals",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_aid_referrals_ReferredByOrganizationId_ReferredOn",
                table: "aid_referrals",
                columns: new[] { "ReferredByOrganizationId", "ReferredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganizationId",
                table: "AspNetUsers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_SubjectId",
                table: "audit_entries",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_entries_CampaignId",
                table: "campaign_entries",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_entries_PetitionId",
                table: "campaign_entries",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_progress_notes_EntryId",
                table: "campaign_progress_notes",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_OrganizationId_StartsOn",
                table: "campaigns",
                columns: new[] { "OrganizationId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_case_ownership_handovers_OwnershipId",
                table: "case_ownership_handovers",
                column: "OwnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_case_ownership_milestones_OwnershipId",
                table: "case_ownership_milestones",
                column: "OwnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_case_ownership_notes_OwnershipId",
                table: "case_ownership_notes",
                column: "OwnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_case_ownerships_ActiveKey",
                table: "case_ownerships",
                column: "ActiveKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_ownerships_AssignedByOrganizationId_AssignedOn",
                table: "case_ownerships",
                columns: new[] { "AssignedByOrganizationId", "AssignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_case_ownerships_LeaderId_AssignedAt",
                table: "case_ownerships",
                columns: new[] { "LeaderId", "AssignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_ownerships_LeaderOrganizationId_AssignedOn",
                table: "case_ownerships",
                columns: new[] { "LeaderOrganizationId", "AssignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_case_ownerships_PetitionId_LeaderId",
                table: "case_ownerships",
                columns: new[] { "PetitionId", "LeaderId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_reviews_OrganizationId_ReviewedOn",
                table: "case_reviews",
                columns: new[] { "OrganizationId", "ReviewedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_case_reviews_PetitionId",
                table: "case_reviews",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_classification_feedback_recorded_at",
                table: "classification_feedback",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "IX_co_handling_tasks_ActiveKey_OrganizationId",
                table: "co_handling_tasks",
                columns: new[] { "ActiveKey", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_co_handling_tasks_NamedByOrganizationId_NamedOn",
                table: "co_handling_tasks",
                columns: new[] { "NamedByOrganizationId", "NamedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_co_handling_tasks_OrganizationId_PetitionId",
                table: "co_handling_tasks",
                columns: new[] { "OrganizationId", "PetitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_co_handling_tasks_PetitionId",
                table: "co_handling_tasks",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_deadline_warnings_OrganizationId_WarnedAt",
                table: "deadline_warnings",
                columns: new[] { "OrganizationId", "WarnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_deadline_warnings_PetitionId_Kind_DueOn_Level",
                table: "deadline_warnings",
                columns: new[] { "PetitionId", "Kind", "DueOn", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_reports_PeriodId_Day",
                table: "duty_reports",
                columns: new[] { "PeriodId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_reports_PeriodId_OrganizationId_Day",
                table: "duty_reports",
                columns: new[] { "PeriodId", "OrganizationId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_roster_PeriodId_OrganizationId_Day",
                table: "duty_roster",
                columns: new[] { "PeriodId", "OrganizationId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_ExpiresAt",
                table: "idempotency_keys",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_issued_document_numbers_OrganizationId_Year_KindCode_Sequen~",
                table: "issued_document_numbers",
                columns: new[] { "OrganizationId", "Year", "KindCode", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issued_document_numbers_PetitionId",
                table: "issued_document_numbers",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_joint_meeting_measures_RecordedByOrganizationId_DecidedOn",
                table: "joint_meeting_measures",
                columns: new[] { "RecordedByOrganizationId", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_joint_meeting_measures_TargetOrganizationId_DecidedOn",
                table: "joint_meeting_measures",
                columns: new[] { "TargetOrganizationId", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_joint_meetings_OrganizationId_HeldOn",
                table: "joint_meetings",
                columns: new[] { "OrganizationId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_lawyer_opinions_PetitionId",
                table: "lawyer_opinions",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_lawyer_opinions_RecordedByOrganizationId_GivenOn",
                table: "lawyer_opinions",
                columns: new[] { "RecordedByOrganizationId", "GivenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_leader_instructions_LeaderId",
                table: "leader_instructions",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_leader_instructions_OrganizationId_Status_DueOn",
                table: "leader_instructions",
                columns: new[] { "OrganizationId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_leader_instructions_PetitionId",
                table: "leader_instructions",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_outcome_corrections_SessionId",
                table: "mediation_outcome_corrections",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_participants_SessionId",
                table: "mediation_participants",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_session_items_PetitionId",
                table: "mediation_session_items",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_sessions_OrganizationId_AgreementYear_AgreementSe~",
                table: "mediation_sessions",
                columns: new[] { "OrganizationId", "AgreementYear", "AgreementSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_sessions_OrganizationId_HeldOn",
                table: "mediation_sessions",
                columns: new[] { "OrganizationId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decision_notes_DecisionId",
                table: "meeting_decision_notes",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_ConvenedByOrganizationId_Status",
                table: "meeting_decisions",
                columns: new[] { "ConvenedByOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_MeetingId",
                table: "meeting_decisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_OwnerOrganizationId_Status",
                table: "meeting_decisions",
                columns: new[] { "OwnerOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Code",
                table: "organizations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organizations_ParentId",
                table: "organizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_attachments_PetitionId_UploadedAt",
                table: "petition_attachments",
                columns: new[] { "PetitionId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_petition_band_keys_petition_id",
                table: "petition_band_keys",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "IX_petition_deadlines_PetitionId",
                table: "petition_deadlines",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_documents_PetitionId",
                table: "petition_documents",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_extensions_PetitionId",
                table: "petition_extensions",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_hearings_PetitionId",
                table: "petition_hearings",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_recusals_PetitionId",
                table: "petition_recusals",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petition_text_petition_id",
                table: "petition_text",
                column: "petition_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitioner_blind_keys_petition_id",
                table: "petitioner_blind_keys",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "IX_petitioners_IdNumberIndex",
                table: "petitioners",
                column: "IdNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_petitioners_Name",
                table: "petitioners",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_petitioners_PetitionId",
                table: "petitioners",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_petitioners_PhoneIndex",
                table: "petitioners",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_AccusedOrganizationId",
                table: "petitions",
                column: "AccusedOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_CurrentDueAtUtc_Id_CurrentOrganizationId",
                table: "petitions",
                columns: new[] { "CurrentDueAtUtc", "Id", "CurrentOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_CurrentOrganizationId_CurrentDueAtUtc",
                table: "petitions",
                columns: new[] { "CurrentOrganizationId", "CurrentDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_CurrentOrganizationId_State_CurrentDueAtUtc",
                table: "petitions",
                columns: new[] { "CurrentOrganizationId", "State", "CurrentDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_FirstItemId",
                table: "petitions",
                column: "FirstItemId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_Number",
                table: "petitions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_Open_CurrentOrganizationId_CurrentDueAtUtc",
                table: "petitions",
                columns: new[] { "CurrentOrganizationId", "CurrentDueAtUtc" },
                filter: "\"State\" NOT IN ('Declined', 'RefusedAgain', 'GuidedToPoliticalLegal', 'Closed')");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_RegisteredAt_Id",
                table: "petitions",
                columns: new[] { "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_RegisteringOrganizationId_RegisteredAt",
                table: "petitions",
                columns: new[] { "RegisteringOrganizationId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_ResponsibleUserId",
                table: "petitions",
                column: "ResponsibleUserId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_WindowOpen_CurrentDueAtUtc",
                table: "petitions",
                column: "CurrentDueAtUtc",
                filter: "\"State\" IN ('Served', 'ReviewOpinionServed')");

            migrationBuilder.CreateIndex(
                name: "IX_public_guide_revisions_OrganizationId_Revision",
                table: "public_guide_revisions",
                columns: new[] { "OrganizationId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_query_code_attempts_LastFailureAt",
                table: "query_code_attempts",
                column: "LastFailureAt");

            migrationBuilder.CreateIndex(
                name: "IX_reception_attendees_SessionId",
                table: "reception_attendees",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_reception_session_items_PetitionId",
                table: "reception_session_items",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_reception_sessions_OrganizationId_StartsAt",
                table: "reception_sessions",
                columns: new[] { "OrganizationId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_AddressedToOrganizationId_IssuedOn",
                table: "recommendations",
                columns: new[] { "AddressedToOrganizationId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_IssuedByOrganizationId_IssuedOn",
                table: "recommendations",
                columns: new[] { "IssuedByOrganizationId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_return_visits_OrganizationId_VisitedOn_OpenedOn",
                table: "return_visits",
                columns: new[] { "OrganizationId", "VisitedOn", "OpenedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_return_visits_PetitionId",
                table: "return_visits",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_saved_work_filters_UserId_Name",
                table: "saved_work_filters",
                columns: new[] { "UserId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_screening_findings_RoundId",
                table: "screening_findings",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_screening_rounds_OrganizationId_PeriodFrom",
                table: "screening_rounds",
                columns: new[] { "OrganizationId", "PeriodFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_special_periods_OrganizationId_To",
                table: "special_periods",
                columns: new[] { "OrganizationId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_password_history_UserId_ReplacedAt",
                table: "staff_password_history",
                columns: new[] { "UserId", "ReplacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_sessions_UserId",
                table: "staff_sessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_AcceptanceDueOn_RegisteringOrganizationId_~",
                table: "statistics_facts",
                columns: new[] { "AcceptanceDueOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_AssignedOn_RegisteringOrganizationId_UnitO~",
                table: "statistics_facts",
                columns: new[] { "AssignedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ClosedOn_RegisteringOrganizationId_UnitOrg~",
                table: "statistics_facts",
                columns: new[] { "ClosedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_DeclinedOn_RegisteringOrganizationId_UnitO~",
                table: "statistics_facts",
                columns: new[] { "DeclinedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_DispositionDueOn_RegisteringOrganizationId~",
                table: "statistics_facts",
                columns: new[] { "DispositionDueOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_FirstItemId",
                table: "statistics_facts",
                column: "FirstItemId");

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ForwardedOn_RegisteringOrganizationId_Unit~",
                table: "statistics_facts",
                columns: new[] { "ForwardedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_HandlingDueOn_RegisteringOrganizationId_Un~",
                table: "statistics_facts",
                columns: new[] { "HandlingDueOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_RatedOn_RegisteringOrganizationId_UnitOrga~",
                table: "statistics_facts",
                columns: new[] { "RatedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_RatingDueOn_RegisteringOrganizationId_Unit~",
                table: "statistics_facts",
                columns: new[] { "RatingDueOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ReceivedOn_RegisteringOrganizationId_UnitO~",
                table: "statistics_facts",
                columns: new[] { "ReceivedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_RefusedAgainOn_RegisteringOrganizationId_U~",
                table: "statistics_facts",
                columns: new[] { "RefusedAgainOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_RepliedOn_RegisteringOrganizationId_UnitOr~",
                table: "statistics_facts",
                columns: new[] { "RepliedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ReReviewOpinionOn_RegisteringOrganizationI~",
                table: "statistics_facts",
                columns: new[] { "ReReviewOpinionOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ReReviewRequestedOn_RegisteringOrganizatio~",
                table: "statistics_facts",
                columns: new[] { "ReReviewRequestedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ReviewOpinionOn_RegisteringOrganizationId_~",
                table: "statistics_facts",
                columns: new[] { "ReviewOpinionOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_ReviewRequestedOn_RegisteringOrganizationI~",
                table: "statistics_facts",
                columns: new[] { "ReviewRequestedOn", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_statistics_facts_UnitOrganizationId_HandlingDueOn",
                table: "statistics_facts",
                columns: new[] { "UnitOrganizationId", "HandlingDueOn" },
                filter: "\"HandlingMetOn\" IS NULL AND \"ClosedOn\" IS NULL AND NOT \"Voided\"");

            migrationBuilder.CreateIndex(
                name: "IX_statistics_months_Month_RegisteringOrganizationId_UnitOrgan~",
                table: "statistics_months",
                columns: new[] { "Month", "RegisteringOrganizationId", "UnitOrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_notices_AddressedToOrganizationId_Status",
                table: "supervision_notices",
                columns: new[] { "AddressedToOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_notices_IssuedByOrganizationId_Status_FeedbackD~",
                table: "supervision_notices",
                columns: new[] { "IssuedByOrganizationId", "Status", "FeedbackDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_notices_PetitionId",
                table: "supervision_notices",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_notices_Status_FeedbackDueAtUtc",
                table: "supervision_notices",
                columns: new[] { "Status", "FeedbackDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_typical_cases_OrganizationId_Published",
                table: "typical_cases",
                columns: new[] { "OrganizationId", "Published" });

            migrationBuilder.CreateIndex(
                name: "IX_typical_cases_PetitionId",
                table: "typical_cases",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_urgent_report_steps_FromOrganizationId",
                table: "urgent_report_steps",
                column: "FromOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_urgent_report_steps_ReportId",
                table: "urgent_report_steps",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_urgent_report_steps_ToOrganizationId",
                table: "urgent_report_steps",
                column: "ToOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_urgent_reports_OriginOrganizationId",
                table: "urgent_reports",
                column: "OriginOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_urgent_reports_PetitionId",
                table: "urgent_reports",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_warning_deadline_changes_WarningId",
                table: "warning_deadline_changes",
                column: "WarningId");

            migrationBuilder.CreateIndex(
                name: "IX_warning_notes_WarningId",
                table: "warning_notes",
                column: "WarningId");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_RaisedByOrganizationId",
                table: "warnings",
                column: "RaisedByOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_ResponsibleOrganizationId",
                table: "warnings",
                column: "ResponsibleOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_Status_DueOn",
                table: "warnings",
                columns: new[] { "Status", "DueOn" });
            Xinfang.Web.TextAnalysis.TextSearchSchema.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aid_referrals");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "backlog_flags");

            migrationBuilder.DropTable(
                name: "campaign_progress_notes");

            migrationBuilder.DropTable(
                name: "case_ownership_handovers");

            migrationBuilder.DropTable(
                name: "case_ownership_milestones");

            migrationBuilder.DropTable(
                name: "case_ownership_notes");

            migrationBuilder.DropTable(
                name: "case_reviews");

            migrationBuilder.DropTable(
                name: "classification_feedback");

            migrationBuilder.DropTable(
                name: "co_handling_tasks");

            migrationBuilder.DropTable(
                name: "deadline_warnings");

            migrationBuilder.DropTable(
                name: "document_number_counters");

            migrationBuilder.DropTable(
                name: "document_number_prefixes");

            migrationBuilder.DropTable(
                name: "duty_reports");

            migrationBuilder.DropTable(
                name: "duty_roster");

            migrationBuilder.DropTable(
                name: "holiday_schedules");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "issued_document_numbers");

            migrationBuilder.DropTable(
                name: "joint_meeting_measures");

            migrationBuilder.DropTable(
                name: "jurisdiction_policies");

            migrationBuilder.DropTable(
                name: "lawyer_opinions");

            migrationBuilder.DropTable(
                name: "leader_instructions");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "mediation_outcome_corrections");

            migrationBuilder.DropTable(
                name: "mediation_participants");

            migrationBuilder.DropTable(
                name: "mediation_session_items");

            migrationBuilder.DropTable(
                name: "meeting_decision_notes");

            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropTable(
                name: "petition_attachments");

            migrationBuilder.DropTable(
                name: "petition_band_keys");

            migrationBuilder.DropTable(
                name: "petition_deadlines");

            migrationBuilder.DropTable(
                name: "petition_documents");

            migrationBuilder.DropTable(
                name: "petition_extensions");

            migrationBuilder.DropTable(
                name: "petition_hearings");

            migrationBuilder.DropTable(
                name: "petition_history");

            migrationBuilder.DropTable(
                name: "petition_number_counters");

            migrationBuilder.DropTable(
                name: "petition_recusals");

            migrationBuilder.DropTable(
                name: "petition_text");

            migrationBuilder.DropTable(
                name: "petitioner_blind_keys");

            migrationBuilder.DropTable(
                name: "petitioners");

            migrationBuilder.DropTable(
                name: "public_guide_revisions");

            migrationBuilder.DropTable(
                name: "query_code_attempts");

            migrationBuilder.DropTable(
                name: "reception_attendees");

            migrationBuilder.DropTable(
                name: "reception_session_items");

            migrationBuilder.DropTable(
                name: "recommendations");

            migrationBuilder.DropTable(
                name: "return_visits");

            migrationBuilder.DropTable(
                name: "saved_work_filters");

            migrationBuilder.DropTable(
                name: "screening_findings");

            migrationBuilder.DropTable(
                name: "staff_password_history");

            migrationBuilder.DropTable(
                name: "staff_sessions");

            migrationBuilder.DropTable(
                name: "statistics_facts");

            migrationBuilder.DropTable(
                name: "statistics_months");

            migrationBuilder.DropTable(
                name: "supervision_reminders");

            migrationBuilder.DropTable(
                name: "text_index_state");

            migrationBuilder.DropTable(
                name: "typical_cases");

            migrationBuilder.DropTable(
                name: "urgent_report_steps");

            migrationBuilder.DropTable(
                name: "warning_deadline_changes");

            migrationBuilder.DropTable(
                name: "warning_notes");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "campaign_entries");

            migrationBuilder.DropTable(
                name: "case_ownerships");

            migrationBuilder.DropTable(
                name: "special_periods");

            migrationBuilder.DropTable(
                name: "mediation_sessions");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "petitions");

            migrationBuilder.DropTable(
                name: "reception_sessions");

            migrationBuilder.DropTable(
                name: "screening_rounds");

            migrationBuilder.DropTable(
                name: "supervision_notices");

            migrationBuilder.DropTable(
                name: "urgent_reports");

            migrationBuilder.DropTable(
                name: "warnings");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "joint_meetings");
        }
    }
}
