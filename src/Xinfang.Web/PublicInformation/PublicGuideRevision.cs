using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.PublicInformation;

namespace Xinfang.Web.PublicInformation;

/// <summary>
/// One revision of a body's 信访公开 text (条例 Art. 18). Append-only: an edit adds the next revision,
/// so who changed which item when stays readable (the admin page's history) beside the audit chain's entry.
/// The current text is the highest revision.
/// </summary>
public sealed class PublicGuideRevision
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>1, 2, 3… per organisation; unique with it, so two edits of the same revision cannot both land.</summary>
    public int Revision { get; set; }

    public string? OnlineChannel { get; set; }

    public string? LetterAddress { get; set; }

    public string? Phone { get; set; }

    public string? ReceptionPlace { get; set; }

    public string? ReceptionHours { get; set; }

    public string? Scope { get; set; }

    public string? Procedure { get; set; }

    public string? QueryAndRating { get; set; }

    public string? Other { get; set; }

    public DateTimeOffset EditedAt { get; set; }

    public string EditedById { get; set; } = string.Empty;

    public string EditedByName { get; set; } = string.Empty;

    /// <summary>The names of the items this revision changed (「、」-separated), for the history list.</summary>
    public string ChangedItems { get; set; } = string.Empty;

    public PublicGuide Content => new(OnlineChannel, LetterAddress, Phone, ReceptionPlace, ReceptionHours, Scope, Procedure, QueryAndRating, Other);

    public static PublicGuideRevision Of(Guid organizationId, int revision, PublicGuide g) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        Revision = revision,
        OnlineChannel = g.OnlineChannel,
        LetterAddress = g.LetterAddress,
        Phone = g.Phone,
        ReceptionPlace = g.ReceptionPlace,
        ReceptionHours = g.ReceptionHours,
        Scope = g.Scope,
        Procedure = g.Procedure,
        QueryAndRating = g.QueryAndRating,
        Other = g.Other,
    };

    /// <summary>The public_guide_revisions table, configured from <c>AppDbContext.OnModelCreating</c>.</summary>
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<PublicGuideRevision>(r =>
        {
            r.ToTable("public_guide_revisions");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Ignore(x => x.Content);
            foreach (var item in PublicGuide.Items)
            {
                r.Property(item.Field.ToString()).HasMaxLength(item.MaxLength);
            }

            r.Property(x => x.EditedById).HasMaxLength(64);
            r.Property(x => x.EditedByName).HasMaxLength(100);
            r.Property(x => x.ChangedItems).HasMaxLength(400);
            // The current text of a body is its highest revision; the unique pair also refuses a lost race.
            r.HasIndex(x => new { x.OrganizationId, x.Revision }).IsUnique();
        });
}
