using Microsoft.EntityFrameworkCore;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// The text index row of one petition: jieba-segmented title + content for full-text search (an FTS5
/// table on SQLite, a generated <c>tsvector</c> with a GIN index on PostgreSQL, both made by
/// <see cref="TextSearchSchema"/>), and the MinHash signature for the repeat check. The surrogate
/// integer key is FTS5's stable rowid; <see cref="PetitionId"/> is unique.
/// </summary>
public sealed class PetitionText
{
    public long Id { get; set; }

    public Guid PetitionId { get; set; }

    /// <summary><c>ChineseSegmenter.ForIndex(title, content)</c>: space-separated words.</summary>
    public string Tokens { get; set; } = string.Empty;

    /// <summary>MinHash signature, 64 × uint32 little-endian.</summary>
    public byte[] Signature { get; set; } = [];

    /// <summary><see cref="TextIndexRows.Version"/> when written; an older version is re-indexed.</summary>
    public int IndexVersion { get; set; }

    public DateTimeOffset IndexedAt { get; set; }
}

/// <summary>One LSH band key of a petition's signature; the primary key (band_key, petition_id) is the lookup index.</summary>
public sealed class PetitionBandKey
{
    public long BandKey { get; set; }

    public Guid PetitionId { get; set; }
}

/// <summary>
/// A petitioner's blind key on a petition: HMAC-SHA256 of the normalised ID number or phone
/// (<see cref="Privacy.BlindIndex"/>), never the number itself. Only for finding the same person's earlier
/// matters at registration (domain.md §12); the primary key (key, petition_id) is the lookup index.
/// </summary>
public sealed class PetitionerBlindKey
{
    public string Key { get; set; } = string.Empty;

    public Guid PetitionId { get; set; }
}

/// <summary>
/// What the classifier suggested when a petition was registered and what the registrar chose
/// (the stored content class): corrections are visible, and they train the next model because
/// training reads the stored classes.
/// </summary>
public sealed class ClassificationFeedback
{
    public Guid PetitionId { get; set; }

    public string SuggestedLabel { get; set; } = string.Empty;

    public double Confidence { get; set; }

    public bool SuggestionWasFallback { get; set; }

    public string? ModelVersion { get; set; }

    /// <summary>The class the registrar stored, or null when none was chosen.</summary>
    public string? ChosenLabel { get; set; }

    /// <summary>True when the chosen class is the suggested one; false when corrected; null when none chosen.</summary>
    public bool? Accepted { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The background indexer's watermark: the highest petition id (UUIDv7, time-ordered) it has checked.</summary>
public sealed class TextIndexState
{
    public string Name { get; set; } = string.Empty;

    public Guid Watermark { get; set; }

    public int IndexVersion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The text tables, configured from <c>AppDbContext.OnModelCreating</c>.</summary>
public static class TextModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PetitionText>(t =>
        {
            t.ToTable("petition_text");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            t.Property(x => x.PetitionId).HasColumnName("petition_id");
            t.HasIndex(x => x.PetitionId).IsUnique();
            t.Property(x => x.Tokens).HasColumnName("tokens");
            t.Property(x => x.Signature).HasColumnName("signature");
            t.Property(x => x.IndexVersion).HasColumnName("index_version");
            t.Property(x => x.IndexedAt).HasColumnName("indexed_at");
        });

        builder.Entity<PetitionBandKey>(b =>
        {
            b.ToTable("petition_band_keys");
            b.HasKey(x => new { x.BandKey, x.PetitionId });
            b.Property(x => x.BandKey).HasColumnName("band_key");
            b.Property(x => x.PetitionId).HasColumnName("petition_id");
            b.HasIndex(x => x.PetitionId);
        });

        builder.Entity<PetitionerBlindKey>(k =>
        {
            k.ToTable("petitioner_blind_keys");
            k.HasKey(x => new { x.Key, x.PetitionId });
            k.Property(x => x.Key).HasColumnName("blind_key").HasMaxLength(64);
            k.Property(x => x.PetitionId).HasColumnName("petition_id");
            k.HasIndex(x => x.PetitionId);
        });

        builder.Entity<ClassificationFeedback>(f =>
        {
            f.ToTable("classification_feedback");
            f.HasKey(x => x.PetitionId);
            f.Property(x => x.PetitionId).HasColumnName("petition_id");
            f.Property(x => x.SuggestedLabel).HasColumnName("suggested_label").HasMaxLength(40);
            f.Property(x => x.Confidence).HasColumnName("confidence");
            f.Property(x => x.SuggestionWasFallback).HasColumnName("suggestion_was_fallback");
            f.Property(x => x.ModelVersion).HasColumnName("model_version").HasMaxLength(80);
            f.Property(x => x.ChosenLabel).HasColumnName("chosen_label").HasMaxLength(40);
            f.Property(x => x.Accepted).HasColumnName("accepted");
            f.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            f.HasIndex(x => x.RecordedAt);
        });

        builder.Entity<TextIndexState>(s =>
        {
            s.ToTable("text_index_state");
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasColumnName("name").HasMaxLength(40);
            s.Property(x => x.Watermark).HasColumnName("watermark");
            s.Property(x => x.IndexVersion).HasColumnName("index_version");
            s.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
    }
}
