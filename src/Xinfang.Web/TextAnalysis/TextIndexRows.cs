using System.Buffers.Binary;
using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;
using Xinfang.Text;
using Xinfang.Web.Privacy;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// Builds the text rows of one petition — search tokens, MinHash signature, LSH band keys and
/// petitioner blind keys — for the registration interceptor and the background indexer alike.
/// </summary>
public sealed class TextIndexRows(BlindIndex blindIndex, TimeProvider clock)
{
    /// <summary>
    /// Version of what is stored: bump when the dictionary, <c>ForIndex</c> or the blind-key
    /// normalisation changes; <see cref="MinHasher.SignatureVersion"/> is part of it. Rows of another
    /// version are rewritten by <see cref="TextIndexWorker"/>.
    /// </summary>
    public static readonly int Version = 200 + MinHasher.SignatureVersion; // 200: ID numbers and mobiles left out of the tokens

    public static MinHasher Hasher { get; } = new();

    public sealed record Rows(PetitionText Text, IReadOnlyList<PetitionBandKey> BandKeys, IReadOnlyList<PetitionerBlindKey> PetitionerKeys);

    public Rows For(Petition p)
    {
        var signature = Hasher.Compute(p.Title, p.Content);
        var text = new PetitionText
        {
            PetitionId = p.Id,
            // ID numbers and mobiles typed into the text are not stored in the index (the petitioner's
            // own are found through the blind index below); the rest of the text is searchable.
            Tokens = ChineseSegmenter.Shared.ForIndex(PersonalDataInText.Remove(p.Title), PersonalDataInText.Remove(p.Content)),
            Signature = ToBytes(signature),
            IndexVersion = Version,
            IndexedAt = clock.GetUtcNow(),
        };
        var bands = Hasher.BandKeys(signature).Distinct().Select(k => new PetitionBandKey { BandKey = unchecked((long)k), PetitionId = p.Id }).ToList();
        var people = p.Anonymous
            ? []
            : p.Petitioners.SelectMany(x => blindIndex.KeysOf(x.IdNumber, x.Phone)).Distinct(StringComparer.Ordinal)
                .Select(k => new PetitionerBlindKey { Key = k, PetitionId = p.Id }).ToList();
        return new Rows(text, bands, people);
    }

    public static byte[] ToBytes(TextSignature signature)
    {
        var bytes = new byte[signature.Values.Length * 4];
        for (var i = 0; i < signature.Values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), signature.Values[i]);
        }

        return bytes;
    }

    public static TextSignature FromBytes(byte[] bytes)
    {
        var values = new uint[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return new TextSignature(values);
    }
}
