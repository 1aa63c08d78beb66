using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;

namespace Xinfang.Web.Supervision;

/// <summary>
/// The supervision tables, configured from <c>AppDbContext.OnModelCreating</c> (one call in a marked
/// block). The sweeper's query needs petitions indexed by their current due instant alone (the work
/// list's indexes lead with the organisation).
/// </summary>
public static class SupervisionModel
{
    public static void Configure(ModelBuilder builder)
    {
        // The sweeper reads "current due ≤ horizon" across all organisations: an index range scan.
        // In the sweep's order (due instant, id) and holding the holder too: a page of candidates is read in order from the
        // index after the last one, without sorting the items tied on an end-of-day instant (~3,800 a day at 10 M bench items:
        // 33 → 8.5 ms a page, issue 16, ADR 0172). Queries by due instant alone use its first column as before.
        builder.Entity<Petition>().HasIndex(p => new { p.CurrentDueAtUtc, p.Id, p.CurrentOrganizationId });
        // The sweep's lapsed 复查/复核 windows (DeadlineSweeper.CloseLapsedAsync): only items waiting on one are in this
        // index. Through the whole (CurrentDueAtUtc) index the query walked every overdue item to find them — at 10 M
        // bench items 1,053,847 rows and 4.6 s on every sweep (issue 16, ADR 0172). The filter is the query's own condition.
        builder.Entity<Petition>().HasIndex(p => p.CurrentDueAtUtc, "IX_petitions_WindowOpen_CurrentDueAtUtc")
            .HasFilter(DeadlineSweeper.WindowOpenFilterSql);

        builder.Entity<DeadlineWarningRecord>(w =>
        {
            w.ToTable("deadline_warnings");
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).ValueGeneratedNever();
            w.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            w.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            // Each warning once: running the sweep twice (or two instances) adds nothing.
            w.HasIndex(x => new { x.PetitionId, x.Kind, x.DueOn, x.Level }).IsUnique();
            w.HasIndex(x => new { x.OrganizationId, x.WarnedAt });
        });

        builder.Entity<Lease>(l =>
        {
            l.ToTable("leases");
            l.HasKey(x => x.Name);
            l.Property(x => x.Name).HasMaxLength(64);
            l.Property(x => x.Holder).HasMaxLength(128);
        });

        builder.Entity<SupervisionNotice>(n =>
        {
            n.ToTable("supervision_notices");
            n.HasKey(x => x.Id);
            n.Property(x => x.Id).ValueGeneratedNever();
            n.Property(x => x.Version).IsConcurrencyToken();
            n.Property(x => x.PetitionNumber).HasMaxLength(48);
            n.Property(x => x.Reason).HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            n.Property(x => x.Details).HasMaxLength(SupervisionNotice.MaxTextLength);
            n.Property(x => x.Feedback).HasMaxLength(SupervisionNotice.MaxTextLength);
            n.Property(x => x.FeedbackExplanation).HasMaxLength(2000);
            n.Property(x => x.IssuedById).HasMaxLength(64);
            n.Property(x => x.IssuedByName).HasMaxLength(100);
            n.Property(x => x.FeedbackRecordedBy).HasMaxLength(100);
            n.Ignore(x => x.IsOpen);
            n.Ignore(x => x.AnsweredLate);
            n.HasIndex(x => new { x.IssuedByOrganizationId, x.Status, x.FeedbackDueAtUtc });
            n.HasIndex(x => new { x.AddressedToOrganizationId, x.Status });
            // The sweeper's reminders: open notices past their feedback deadline.
            n.HasIndex(x => new { x.Status, x.FeedbackDueAtUtc });
            n.HasIndex(x => x.PetitionId);
            n.OwnsMany(x => x.Reminders, r =>
            {
                r.ToTable("supervision_reminders");
                r.WithOwner().HasForeignKey("NoticeId");
                r.HasKey("NoticeId", nameof(SupervisionReminder.Sequence));
                // The domain numbers reminders; a generated key would make EF take a new one for an existing row.
                r.Property(x => x.Sequence).ValueGeneratedNever();
                r.Property(x => x.ById).HasMaxLength(64);
                r.Property(x => x.ByName).HasMaxLength(100);
                r.Property(x => x.Text).HasMaxLength(SupervisionNotice.MaxTextLength);
            });
            n.Navigation(x => x.Reminders).HasField("_reminders");
        });

        builder.Entity<Recommendation>(r =>
        {
            r.ToTable("recommendations");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            r.Property(x => x.Subject).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Adoption).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Text).HasMaxLength(Recommendation.MaxTextLength);
            r.Property(x => x.SubjectName).HasMaxLength(Recommendation.MaxNameLength);
            r.Property(x => x.Consequences).HasMaxLength(Recommendation.MaxTextLength);
            r.Property(x => x.Feedback).HasMaxLength(Recommendation.MaxTextLength);
            r.Property(x => x.FeedbackExplanation).HasMaxLength(2000);
            r.Property(x => x.IssuedById).HasMaxLength(64);
            r.Property(x => x.IssuedByName).HasMaxLength(100);
            r.Property(x => x.FeedbackRecordedBy).HasMaxLength(100);
            r.Ignore(x => x.IsAnswered);
            r.Ignore(x => x.AnsweredLate);
            r.HasIndex(x => new { x.IssuedByOrganizationId, x.IssuedOn });
            r.HasIndex(x => new { x.AddressedToOrganizationId, x.IssuedOn });
        });

        builder.Entity<JointMeetingMeasure>(m =>
        {
            m.ToTable("joint_meeting_measures");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            m.Property(x => x.Target).HasConversion<string>().HasMaxLength(24);
            m.Property(x => x.LeaderName).HasMaxLength(JointMeetingMeasure.MaxNameLength);
            m.Property(x => x.Reason).HasMaxLength(JointMeetingMeasure.MaxTextLength);
            m.Property(x => x.DecidedBy).HasMaxLength(JointMeetingMeasure.MaxNameLength);
            m.Property(x => x.RecordedById).HasMaxLength(64);
            m.Property(x => x.RecordedByName).HasMaxLength(100);
            m.HasIndex(x => new { x.RecordedByOrganizationId, x.DecidedOn });
            m.HasIndex(x => new { x.TargetOrganizationId, x.DecidedOn });
        });
    }
}

/// <summary>One warning the sweeper recorded: an item's deadline reached a level (domain.md §6). Written once, never changed.</summary>
public sealed class DeadlineWarningRecord
{
    public Guid Id { get; set; }

    public Guid PetitionId { get; set; }

    public DeadlineKind Kind { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public Domain.Deadlines.DeadlineWarning Level { get; set; }

    /// <summary>The organisation that held the item when it was warned.</summary>
    public Guid OrganizationId { get; set; }

    public DateTimeOffset WarnedAt { get; set; }
}

/// <summary>A named lease (e.g. the sweeper's): who holds it and until when. Rows of the <c>leases</c> table.</summary>
public sealed class Lease
{
    public string Name { get; set; } = string.Empty;

    public string Holder { get; set; } = string.Empty;

    public DateTime ExpiresAtUtc { get; set; }
}
