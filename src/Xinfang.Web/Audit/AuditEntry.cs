using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Xinfang.Web.Audit;

/// <summary>
/// One line of the append-only audit trail (ADR 0042). Entries form a hash chain: each one's
/// <see cref="Hash"/> is SHA-256 over its canonical serialisation, which includes the previous
/// entry's hash, so editing, deleting or reordering a past entry breaks the chain from there on.
/// The summary never carries personal data (no names of petitioners, ID numbers, phones, addresses).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>An IPv6 address with a zone id fits.</summary>
    public const int MaxClientAddress = 64;

    public long Sequence { get; set; }

    /// <summary>UTC, whole milliseconds (both providers store that exactly, so the hash reproduces).</summary>
    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = string.Empty;

    public string ActorName { get; set; } = string.Empty;

    public string? ActorOrganizationId { get; set; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The petition's id, or the user name a sign-in was attempted with.</summary>
    public string? SubjectId { get; set; }

    /// <summary>The petition's number (信访件编号), when the subject is a petition.</summary>
    public string? Subject { get; set; }

    public string Summary { get; set; } = string.Empty;

    /// <summary>
    /// The client's address as the request reached the app (after forwarded-header processing, which
    /// trusts only configured proxies); null for work without a request (the deadline sweeper, commands).
    /// Part of the hash, so it cannot be changed afterwards.
    /// </summary>
    public string? ClientAddress { get; set; }

    public string PreviousHash { get; set; } = Genesis;

    public string Hash { get; set; } = string.Empty;

    /// <summary>
    /// The canonical serialisation: a JSON array of a format tag and every field in a fixed order
    /// (JSON escaping makes it unambiguous whatever the texts contain), time as ISO 8601 UTC.
    /// </summary>
    public static byte[] Canonical(long sequence, DateTimeOffset at, string actorId, string actorName, string? actorOrganizationId,
        string kind, string? subjectId, string? subject, string summary, string? clientAddress, string previousHash)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            w.WriteStringValue("xinfang-audit-v2");
            w.WriteNumberValue(sequence);
            w.WriteStringValue(FormatTime(at));
            w.WriteStringValue(actorId);
            w.WriteStringValue(actorName);
            WriteNullable(w, actorOrganizationId);
            w.WriteStringValue(kind);
            WriteNullable(w, subjectId);
            WriteNullable(w, subject);
            w.WriteStringValue(summary);
            WriteNullable(w, clientAddress);
            w.WriteStringValue(previousHash);
            w.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static string ComputeHash(long sequence, DateTimeOffset at, string actorId, string actorName, string? actorOrganizationId,
        string kind, string? subjectId, string? subject, string summary, string? clientAddress, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(sequence, at, actorId, actorName, actorOrganizationId, kind, subjectId, subject, summary, clientAddress, previousHash)));

    /// <summary>The hash this entry should have, from its stored fields.</summary>
    public string Recompute() => ComputeHash(Sequence, At, ActorId, ActorName, ActorOrganizationId, Kind, SubjectId, Subject, Summary, ClientAddress, PreviousHash);

    /// <summary>Whole milliseconds, UTC: what both databases store without loss.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string FormatTime(DateTimeOffset at) =>
        Truncate(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }

    internal static string Clip(string? value, int max) =>
        value is null ? string.Empty : value.Length <= max ? value : value[..max];
}

/// <summary>
/// The one-row head of the chain: the last sequence and hash. Every appender updates this row first
/// inside its transaction, which serialises appenders across requests and app instances on both
/// SQLite (the write lock) and PostgreSQL (the row lock), and lets verify notice a deleted tail.
/// </summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = AuditEntry.Genesis;
}

/// <summary>What an audit entry records.</summary>
public static class AuditKinds
{
    /// <summary>A petition was registered (its first history entry).</summary>
    public const string PetitionRegistered = "PetitionRegistered";

    /// <summary>Any later history entry of a petition (an action and its state change).</summary>
    public const string PetitionAction = "PetitionAction";

    /// <summary>A staff member had a petitioner's full ID number, phone and address shown.</summary>
    public const string PersonalDataViewed = "PersonalDataViewed";

    /// <summary>Data left the system as a file or a bulk answer (the hot-spot CSV; ADR 0042).</summary>
    public const string Export = "Export";

    /// <summary>A staff member added a file to a petition's material.</summary>
    public const string AttachmentUploaded = "AttachmentUploaded";

    /// <summary>A staff member downloaded a file of a petition's material.</summary>
    public const string AttachmentDownloaded = "AttachmentDownloaded";

    /// <summary>A lost query code was re-issued after an identity check (which document, that it matched; never its number).</summary>
    public const string QueryCodeReissued = "QueryCodeReissued";

    public const string SignIn = "SignIn";

    public const string SignInFailed = "SignInFailed";
}

/// <summary>The audit tables: <c>audit_entries</c> (append-only) and <c>audit_chain_head</c> (one row, seeded).</summary>
public static class AuditModel
{
    public const string EntriesTable = "audit_entries";
    public const string HeadTable = "audit_chain_head";

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable(EntriesTable);
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.ActorOrganizationId).HasMaxLength(36);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.SubjectId).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(100);
            e.Property(x => x.Summary).HasMaxLength(500);
            e.Property(x => x.ClientAddress).HasMaxLength(AuditEntry.MaxClientAddress);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.SubjectId);
        });

        builder.Entity<AuditChainHead>(h =>
        {
            h.ToTable(HeadTable);
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.LastHash).HasMaxLength(64);
            h.HasData(new AuditChainHead { Id = 1, LastSequence = 0, LastHash = AuditEntry.Genesis });
        });
    }
}
