using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Xinfang.Web.Documents;

/// <summary>
/// The CJK font the official documents embed (ADR 0100). Setting <c>Xinfang:Documents:FontPath</c> names
/// a TrueType font or collection; <c>Xinfang:Documents:FontFace</c> the face of a collection (0 = first).
/// Without a setting the first of <see cref="DebianDefaults"/> that exists is used. The font must have
/// TrueType (glyf) outlines: PDFsharp subsets those, and embeds a CFF font whole (Noto CJK would put
/// 16 MB into every receipt). Missing or unusable, <see cref="Problem"/> says why in Chinese; the
/// documents then fall back to the small writer with the reader's own Song font (ADR 0073), and the
/// health check reports it as degraded.
/// </summary>
public sealed class DocumentFont
{
    /// <summary>Song (Ming) first, as GB/T 9704 sets the body in 仿宋 and titles in 宋: AR PL UMing (fonts-arphic-uming), then WenQuanYi (sans).</summary>
    public static readonly IReadOnlyList<string> DebianDefaults =
    [
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    public DocumentFont(IConfiguration configuration, ILogger<DocumentFont> logger)
    {
        var configured = configuration["Xinfang:Documents:FontPath"];
        var face = int.TryParse(configuration["Xinfang:Documents:FontFace"], out var f) ? f : 0;
        var path = string.IsNullOrWhiteSpace(configured) ? DebianDefaults.FirstOrDefault(File.Exists) : configured.Trim();
        (Family, Problem) = Load(path, face);
        Path = path;
        if (Problem is null)
        {
            logger.LogInformation("公文字体：{Path}（第{Face}个字形），嵌入子集", path, face);
        }
        else
        {
            logger.LogWarning("公文字体不可用：{Problem}。公文改用备用格式输出（不嵌入字体，由阅读器提供宋体）", Problem);
        }
    }

    /// <summary>The font file in use (or tried).</summary>
    public string? Path { get; }

    /// <summary>The family name the PDF renderer asks the resolver for; null when no font is usable.</summary>
    public string? Family { get; }

    /// <summary>Why no font is usable, in Chinese; null when the font is in use.</summary>
    public string? Problem { get; }

    public bool Available => Problem is null;

    private static (string? Family, string? Problem) Load(string? path, int face)
    {
        if (path is null)
        {
            return (null, $"未找到中文字体文件：未设置 Xinfang:Documents:FontPath，默认位置（{string.Join("、", DebianDefaults)}）均不存在；请安装 fonts-arphic-uming 或设置字体路径");
        }

        if (!File.Exists(path))
        {
            return (null, $"字体文件不存在：{path}（Xinfang:Documents:FontPath）");
        }

        try
        {
            var bytes = TrueTypeCollection.Face(File.ReadAllBytes(path), face);
            if (!HasTable(bytes, "glyf"))
            {
                return (null, $"字体 {path} 没有 TrueType（glyf）轮廓，无法嵌入子集；请使用 TrueType 字体（如 fonts-arphic-uming）");
            }

            return (FontResolver.Register(path, face, bytes), null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            return (null, $"字体文件 {path} 无法读取：{e.Message}");
        }
    }

    private static bool HasTable(byte[] sfnt, string tag)
    {
        var tables = (sfnt[4] << 8) | sfnt[5];
        var wanted = Encoding.ASCII.GetBytes(tag);
        for (var i = 0; i < tables && 12 + (16 * i) + 4 <= sfnt.Length; i++)
        {
            if (sfnt.AsSpan(12 + (16 * i), 4).SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PDFsharp takes one resolver per process, set before the first font is used and never changed
    /// (GlobalFontSettings.FontResolver). Every font file gets its own family name (a hash of path and
    /// face), so hosts with different settings — as in the tests — share the one resolver safely.
    /// </summary>
    private sealed class FontResolver : IFontResolver
    {
        private static readonly FontResolver Instance = new();
        private static readonly Lock Gate = new();
        private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

        public static string Register(string path, int face, byte[] bytes)
        {
            var family = "xinfang-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{path}\n{face}")))[..16];
            Instance._faces.TryAdd(family, bytes);
            lock (Gate)
            {
                if (GlobalFontSettings.FontResolver is null)
                {
                    GlobalFontSettings.FontResolver = Instance;
                }
            }

            return family;
        }

        // The face has no bold: headings are drawn with PDFsharp's bold simulation.
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            _faces.ContainsKey(familyName)
                ? new FontResolverInfo(familyName, isBold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None)
                : null;

        public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
    }
}
