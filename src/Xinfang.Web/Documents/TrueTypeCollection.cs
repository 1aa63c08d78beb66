using System.Buffers.Binary;

namespace Xinfang.Web.Documents;

/// <summary>
/// Takes one face out of a TrueType collection (.ttc) as a standalone font file. PDFsharp 6.2 reads
/// single fonts only (its FontResolverInfo.CollectionNumber is "not yet implemented, must be zero"), and
/// Debian ships its CJK fonts as collections (uming.ttc, wqy-microhei.ttc). A collection is a header
/// with one offset table per face; the faces share table data. The face's tables are copied after a
/// new offset table, each 4-byte aligned, with their offsets rewritten — the bytes of each table and
/// its checksum stay as they were.
/// </summary>
internal static class TrueTypeCollection
{
    public static bool IsCollection(ReadOnlySpan<byte> file) => file.Length >= 12 && file[..4].SequenceEqual("ttcf"u8);

    /// <summary>The number of faces in a collection.</summary>
    public static int FaceCount(ReadOnlySpan<byte> file) => IsCollection(file) ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(file[8..])) : 1;

    /// <summary>The face at <paramref name="index"/> as a standalone sfnt; a single font is returned as it is (index 0 only).</summary>
    public static byte[] Face(byte[] file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!IsCollection(file))
        {
            return index == 0 ? file : throw new InvalidDataException("字体文件不是字体集合（.ttc），只有第0个字形");
        }

        var count = FaceCount(file);
        if (index < 0 || index >= count)
        {
            throw new InvalidDataException($"字体集合只有{count}个字形（0–{count - 1}）");
        }

        var span = file.AsSpan();
        var at = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + (4 * index))..]));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(at + 4)..]);
        var headerLength = 12 + (16 * tables);
        var records = new (uint Tag, uint Checksum, int Offset, int Length)[tables];
        var size = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var r = span[(at + 12 + (16 * i))..];
            records[i] = (BinaryPrimitives.ReadUInt32BigEndian(r), BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(r[8..])), checked((int)BinaryPrimitives.ReadUInt32BigEndian(r[12..])));
            if (records[i].Offset < 0 || records[i].Length < 0 || (long)records[i].Offset + records[i].Length > file.Length)
            {
                throw new InvalidDataException("字体集合的表超出文件范围");
            }

            size = checked(size + Align(records[i].Length));
        }

        var face = new byte[size];
        span.Slice(at, 12).CopyTo(face); // sfnt version, numTables, searchRange, entrySelector, rangeShift
        var next = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var r = face.AsSpan(12 + (16 * i));
            BinaryPrimitives.WriteUInt32BigEndian(r, records[i].Tag);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], records[i].Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(r[8..], (uint)next);
            BinaryPrimitives.WriteUInt32BigEndian(r[12..], (uint)records[i].Length);
            span.Slice(records[i].Offset, records[i].Length).CopyTo(face.AsSpan(next));
            next += Align(records[i].Length);
        }

        return face;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
