using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Xinfang.Web.Data;

namespace Xinfang.Web.Privacy;

/// <summary>
/// <c>privacy reencrypt</c>: rewrites every petitioner's ID number, phone and address, and every
/// attachment, that is not under the current key with the current key (ADR 0040), in batches, each its own transaction,
/// so a key can be retired: set the new key current, run this, then remove the old key. Rows
/// already under the current key are left alone, so a stopped run can simply be run again.
/// </summary>
public sealed class ReencryptPersonalData(AppDbContext db, PersonalDataProtector protector)
{
    public const int BatchSize = 500;

    public sealed record Result(int RowsRead, int RowsRewritten, int ValuesRewritten, IReadOnlyDictionary<string, int> ValuesByKeyBefore)
    {
        /// <summary>Attachments read, and rewritten under the current key (files are under the same key ring).</summary>
        public int AttachmentsRead { get; init; }

        public int AttachmentsRewritten { get; init; }
    }

    private static readonly (string Column, string Purpose)[] Columns =
    [
        ("IdNumber", PersonalDataModel.IdNumberPurpose),
        ("Phone", PersonalDataModel.PhonePurpose),
        ("Address", PersonalDataModel.AddressPurpose),
    ];

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var last = 0;
            var read = 0;
            var rewrittenRows = 0;
            var rewrittenValues = 0;
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            while (true)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var transaction = tx.GetDbTransaction();
                var rows = new List<(int Id, string?[] Values)>();
                await using (var select = RawSql.Command(connection, transaction,
                    """SELECT "Id", "IdNumber", "Phone", "Address" FROM "petitioners" WHERE "Id" > @last ORDER BY "Id" LIMIT @take"""))
                {
                    RawSql.Add(select, "@last", last);
                    RawSql.Add(select, "@take", BatchSize);
                    await using var reader = await select.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        rows.Add((reader.GetInt32(0), [Read(reader, 1), Read(reader, 2), Read(reader, 3)]));
                    }
                }

                if (rows.Count == 0)
                {
                    await tx.CommitAsync(ct);
                    break;
                }

                foreach (var (id, values) in rows)
                {
                    read++;
                    var changed = false;
                    var updated = new string?[values.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        updated[i] = values[i];
                        if (values[i] is not { } stored)
                        {
                            continue;
                        }

                        var keyId = PersonalDataProtector.KeyIdOf(stored) ?? "(unknown)";
                        byKey[keyId] = byKey.GetValueOrDefault(keyId) + 1;
                        if (keyId != protector.CurrentKeyId)
                        {
                            updated[i] = protector.Protect(protector.Unprotect(stored, Columns[i].Purpose), Columns[i].Purpose);
                            changed = true;
                            rewrittenValues++;
                        }
                    }

                    if (changed)
                    {
                        await using var update = RawSql.Command(connection, transaction,
                            """UPDATE "petitioners" SET "IdNumber" = @id, "Phone" = @phone, "Address" = @address WHERE "Id" = @row""");
                        RawSql.Add(update, "@id", updated[0]);
                        RawSql.Add(update, "@phone", updated[1]);
                        RawSql.Add(update, "@address", updated[2]);
                        RawSql.Add(update, "@row", id);
                        await update.ExecuteNonQueryAsync(ct);
                        rewrittenRows++;
                    }
                }

                await tx.CommitAsync(ct);
                last = rows[^1].Id;
            }

            var (attachmentsRead, attachmentsRewritten) = await AttachmentsAsync(byKey, ct);
            return new Result(read, rewrittenRows, rewrittenValues, byKey) { AttachmentsRead = attachmentsRead, AttachmentsRewritten = attachmentsRewritten };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Attachments (<c>petition_attachments.Content</c>) under another key, or stored in clear by an
    /// earlier version, are rewritten under the current key: a few at a time, since files are large.
    /// </summary>
    private async Task<(int Read, int Rewritten)> AttachmentsAsync(Dictionary<string, int> byKey, CancellationToken ct)
    {
        const int filesPerBatch = 20;
        var ids = await db.Set<Attachments.PetitionAttachment>().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var rewritten = 0;
        foreach (var chunk in ids.Chunk(filesPerBatch))
        {
            var files = await db.Set<Attachments.PetitionAttachment>().Where(a => chunk.Contains(a.Id)).ToListAsync(ct);
            foreach (var file in files)
            {
                var keyId = PersonalDataProtector.KeyIdOf(file.Content);
                var label = "attachment:" + (keyId ?? "(clear)");
                byKey[label] = byKey.GetValueOrDefault(label) + 1;
                if (keyId == protector.CurrentKeyId)
                {
                    continue;
                }

                var purpose = Attachments.PetitionAttachment.Purpose(file.Id);
                var plain = keyId is null ? file.Content : protector.UnprotectBytes(file.Content, purpose);
                file.Content = protector.ProtectBytes(plain, purpose);
                rewritten++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return (ids.Count, rewritten);
    }

    private static string? Read(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);


}
