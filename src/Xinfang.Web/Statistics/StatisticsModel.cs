using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;

namespace Xinfang.Web.Statistics;

/// <summary>
/// The statistics tables, configured from <c>AppDbContext.OnModelCreating</c> (one marked call):
/// <c>statistics_facts</c>, one row per item kept in step with it (ADR 0080), and the item's 化解情况.
/// Each indicator filters one date column and the organisation columns, so each has an index leading
/// with the date (a period is a range) and carrying the organisations.
/// </summary>
public static class StatisticsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Petition>(p =>
        {
            p.Property(x => x.Resolution).HasConversion<string>().HasMaxLength(32);
            p.Property(x => x.ResolutionReason).HasMaxLength(Petition.MaxNoteLength);
            // ── stats-reviews: 复查/复核 outcomes (ADR 0084), 进京/赴省访 (ADR 0085) ──
            p.Property(x => x.ReviewOutcome).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.ReReviewOutcome).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.SkipLevelDestination).HasConversion<string>().HasMaxLength(16);
            // ── end stats-reviews ──
        });

        builder.Entity<ItemFacts>(f =>
        {
            f.ToTable("statistics_facts");
            f.HasKey(x => x.PetitionId);
            f.Property(x => x.PetitionId).ValueGeneratedNever();
            f.Ignore(x => x.IsRepeat);
            f.Property(x => x.ContentClass).HasMaxLength(12);
            f.Property(x => x.IssueLocation).HasMaxLength(12);
            foreach (var day in new[]
            {
                nameof(ItemFacts.ReceivedOn), nameof(ItemFacts.DispositionDueOn), nameof(ItemFacts.AcceptanceDueOn), nameof(ItemFacts.HandlingDueOn),
                nameof(ItemFacts.RepliedOn), nameof(ItemFacts.RatedOn), nameof(ItemFacts.RatingDueOn), nameof(ItemFacts.ClosedOn),
                nameof(ItemFacts.ForwardedOn), nameof(ItemFacts.AssignedOn), nameof(ItemFacts.DeclinedOn), nameof(ItemFacts.RefusedAgainOn),
                nameof(ItemFacts.ReviewRequestedOn), nameof(ItemFacts.ReReviewRequestedOn),
            })
            {
                f.HasIndex(day, nameof(ItemFacts.RegisteringOrganizationId), nameof(ItemFacts.UnitOrganizationId));
            }

            // ── stats-reviews: the new fact columns. Voided defaults to false (rows built before it, and every
            // row until voiding exists); outcomes and destinations are small integers like the other enums here.
            f.Property(x => x.Voided).HasDefaultValue(false);
            f.Property(x => x.ReviewOpinionOn);
            f.Property(x => x.ReviewOutcome);
            f.Property(x => x.ReReviewOpinionOn);
            f.Property(x => x.ReReviewOutcome);
            f.Property(x => x.SkipLevelDestination);
            f.HasIndex(nameof(ItemFacts.ReviewOpinionOn), nameof(ItemFacts.RegisteringOrganizationId), nameof(ItemFacts.UnitOrganizationId));
            f.HasIndex(nameof(ItemFacts.ReReviewOpinionOn), nameof(ItemFacts.RegisteringOrganizationId), nameof(ItemFacts.UnitOrganizationId));
            // ── end stats-reviews ──

            f.HasIndex(x => x.FirstItemId);
            // Overdue now, by unit (the ranking's 超期件): only open, unvoided items whose handling window has not
            // been met are in this index, so a province's count reads its 26,000 overdue rows, not its 870,000 (ADR 0162).
            // The filter is the query's own condition (IndicatorSource.UnitsAsync), which PostgreSQL and SQLite need to use it.
            f.HasIndex(x => new { x.UnitOrganizationId, x.HandlingDueOn })
                .HasFilter("\"HandlingMetOn\" IS NULL AND \"ClosedOn\" IS NULL AND NOT \"Voided\"");
        });

        // ── stats-aggregates: monthly sums of the fact rows per (month, registering body, unit) (ADR 0122) ──
        builder.Entity<StatisticsMonth>(m =>
        {
            m.ToTable("statistics_months");
            m.HasKey(x => x.Id);
            m.Property(x => x.Layout).HasMaxLength(16);
            m.HasIndex(x => new { x.Month, x.RegisteringOrganizationId, x.UnitOrganizationId });
        });
        // ── end stats-aggregates ──
    }
}
