using System.Collections;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Xinfang.Web.Tests.Fuzz;

/// <summary>A seeded source of adversarial input: the same seed gives the same requests, so a failure can be replayed.</summary>
public sealed class BadInput(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly string[] Strings =
    [
        "", " ", "\t\n", "x", new string('长', 70_000), new string('a', 5_000),
        "<script>alert(document.cookie)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "' OR '1'='1", "'; DROP TABLE petitions; --", "1; SELECT pg_sleep(5)--", "\" OR 1=1 --", "%' AND 1=1 AND '%'='",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\u0000", "\u200B\u202E", "𠀀𠀁😀", "NaN", "null", "undefined",
        "{{7*7}}", "${jndi:ldap://x}", "330106XFJ-2026-000001", "00000000-0000-0000-0000-000000000000", "2026-02-30", "-1", "9999999999999999999",
    ];

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public bool Chance(int percent) => _random.Next(100) < percent;

    public string Text() => Pick(Strings);

    /// <summary>A route value for a parameter: a real id now and then, else something wrong.</summary>
    public string RouteValue(string name, IReadOnlyList<Guid> realIds)
    {
        if (name.Contains("year", StringComparison.OrdinalIgnoreCase))
        {
            return Pick(["2026", "0", "-5", "99999", "2147483647"]);
        }

        return Next(5) switch
        {
            0 or 1 when realIds.Count > 0 => Pick(realIds).ToString(),
            2 => Guid.NewGuid().ToString(),
            _ => Pick(["abc", "' OR 1=1--", "<script>", "%2e%2e%2f", new string('9', 300), "00000000-0000-0000-0000-000000000000", "x y", "名字"]),
        };
    }

    /// <summary>A query string of random names (and the names the app uses) with adversarial values.</summary>
    public string QueryString()
    {
        string[] names = ["q", "page", "pageSize", "from", "to", "top", "number", "name", "phone", "state", "dueBy", "level", "status", "petitionId", "kind", "failed", "x"];
        var parts = Enumerable.Range(0, Next(4) + 1).Select(_ => $"{Pick(names)}={Uri.EscapeDataString(Trim(Text(), 2_000))}");
        return "?" + string.Join('&', parts);
    }

    /// <summary>A JSON body shaped after the request type, with wrong types and bad values mixed in; sometimes not JSON at all.</summary>
    public HttpContent JsonBody(Type? requestType)
    {
        return Next(10) switch
        {
            0 => Raw([0xC3, 0x28, 0x7B, 0xA0, 0xA1, 0xFF, 0xFE], "application/json"), // invalid UTF-8
            1 => Raw(Encoding.UTF8.GetBytes(Pick(["{", "[]", "null", "1e999", "\"x\"", "{\"a\":}", new string('[', 200) + new string(']', 200), "{\"title\":\"\\uD800\"}"])), "application/json"),
            2 => Raw(Encoding.UTF8.GetBytes("<petition><title>x</title></petition>"), Pick(["application/xml", "text/plain", "application/x-www-form-urlencoded", "text/html"])),
            3 => Raw(Encoding.UTF8.GetBytes("{\"content\":\"" + new string('x', 1_100_000) + "\"}"), "application/json"), // over the host's 1 MB
            _ => Raw(Encoding.UTF8.GetBytes(Shaped(requestType, 0)?.ToJsonString() ?? "null"), "application/json"),
        };
    }

    /// <summary>Any body at all, for writes that take none.</summary>
    public HttpContent? AnyBody() => Next(4) switch
    {
        0 => null,
        1 => JsonBody(null),
        2 => Raw([0x00, 0xFF, 0x10, 0x80], "application/octet-stream"),
        _ => new FormUrlEncodedContent(new Dictionary<string, string> { [Text()] = Trim(Text(), 1_000) }),
    };

    /// <summary>A forged form: random fields, never a valid antiforgery token.</summary>
    public HttpContent Form() => Next(3) switch
    {
        0 => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = Trim(Text(), 500), ["password"] = Trim(Text(), 500), ["code"] = Trim(Text(), 100),
            ["__RequestVerificationToken"] = Pick(["", "forged", "CfDJ8" + new string('A', 100)]), ["_handler"] = Pick(["track", "enable", "x", ""]),
        }),
        1 => Raw([0xC3, 0x28, 0x3D, 0xA0], "application/x-www-form-urlencoded"),
        _ => JsonBody(null),
    };

    /// <summary>A multipart upload: random bytes and names, declared types that lie, broken multipart.</summary>
    public HttpContent Upload()
    {
        if (Chance(15))
        {
            return Raw(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc"), "multipart/form-data; boundary=b");
        }

        if (Chance(10))
        {
            return JsonBody(null);
        }

        byte[][] bodies =
        [
            Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"),
            Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"),
            [0x4D, 0x5A, 0x90, 0x00],
            [0x89, 0x50, 0x4E, 0x47],
            [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00],
            Encoding.UTF8.GetBytes("%PDF-1.7\n/JavaScript (app.alert(1))"),
            new byte[Next(3) == 0 ? 11 * 1024 * 1024 : 0],
            Encoding.UTF8.GetBytes(Text()),
        ];
        var file = new ByteArrayContent(Pick(bodies));
        file.Headers.ContentType = new MediaTypeHeaderValue(Pick(["image/png", "text/html", "application/pdf", "image/svg+xml"]));
        return new MultipartFormDataContent { { file, Pick(["file", "upload", "File"]), Pick(["a.png", "../../x.png", "<script>.txt", "a.pdf.exe", new string('长', 400) + ".txt", "%00.txt"]) } };
    }

    private string Key()
    {
        var s = Text();
        return s[..Math.Min(8, s.Length)];
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;

    private JsonNode? Shaped(Type? type, int depth)
    {
        if (type is null || depth > 3 || Chance(8))
        {
            return Random(depth);
        }

        var obj = new JsonObject();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            if (Chance(20))
            {
                continue; // missing
            }

            var name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            obj[name] = Chance(25) ? Random(depth + 1) : Value(p.PropertyType, depth + 1);
        }

        if (Chance(20))
        {
            obj[Key() + "extra"] = Random(depth + 1);
        }

        return obj;
    }

    private JsonNode? Value(Type t, int depth)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string))
        {
            return Chance(10) ? null : JsonValue.Create(Text());
        }

        if (t.IsEnum)
        {
            var names = Enum.GetNames(t);
            return Next(4) switch
            {
                0 => JsonValue.Create(Text()),
                1 => JsonValue.Create(Next(100)),
                _ => JsonValue.Create(Pick(names)),
            };
        }

        if (t == typeof(Guid))
        {
            return JsonValue.Create(Pick([Guid.NewGuid().ToString(), "not-a-guid", "", Guid.Empty.ToString()]));
        }

        if (t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return JsonValue.Create(Pick(["2026-03-10", "2026-02-30", "9999-12-31", "0001-01-01", "2026-03-10T09:00:00+08:00", "yesterday", "2026-13-01T25:61:00Z"]));
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double))
        {
            return Next(3) == 0 ? JsonValue.Create("many") : JsonValue.Create(Pick([0, -1, 1, 3, int.MaxValue, int.MinValue]));
        }

        if (t == typeof(bool))
        {
            return Next(4) == 0 ? JsonValue.Create("yes") : JsonValue.Create(Chance(50));
        }

        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var item = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().FirstOrDefault() ?? typeof(object);
            var array = new JsonArray();
            for (var i = 0; i < Pick([0, 1, 2, 7]); i++)
            {
                array.Add(Value(item, depth + 1));
            }

            return array;
        }

        return t.IsClass ? Shaped(t, depth + 1) : Random(depth);
    }

    private JsonNode? Random(int depth) => Next(depth > 2 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(Text()),
        2 => JsonValue.Create(Pick([0, -1, int.MaxValue])),
        3 => JsonValue.Create(Chance(50)),
        4 => JsonValue.Create(1.5e300),
        5 => new JsonArray(Random(depth + 1), Random(depth + 1)),
        _ => new JsonObject { ["a"] = Random(depth + 1), [Key() + "k"] = Random(depth + 1) },
    };
}
