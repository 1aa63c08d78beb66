using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// The API contract (<c>/openapi/v1.json</c>) against the running app. Everything is read from the
/// app itself — the endpoints from its EndpointDataSource, the request and response types from their
/// metadata, the JSON shape of each type from the app's own serializer options — so an endpoint or a
/// field added later is checked without touching this file. For every API endpoint: the documented
/// request body is the C# record it binds (names, JSON types, enums as the names the string-enum
/// converter accepts, nullable value types), each declared response type is documented with its own
/// schema, no schema id stands for two CLR types, every <c>$ref</c> resolves, the status codes of its
/// category are listed, and the status codes it actually answers to probes are listed.
/// </summary>
public abstract partial class ApiContractTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private JsonSerializerOptions Json => App.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    [SkippableFact]
    public async Task Every_request_body_and_response_is_documented_with_its_own_complete_schema()
    {
        var doc = await DocumentAsync();
        var schemas = new SchemaChecker(doc, Json);
        var failures = schemas.Failures;
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        foreach (var e in endpoints)
        {
            if (Operation(doc, e) is not { } op)
            {
                failures.Add($"{e}: not in the document");
                continue;
            }

            var accepts = e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts?.RequestType is { } requestType)
            {
                foreach (var contentType in accepts.ContentTypes)
                {
                    if (op["requestBody"]?["content"]?[contentType]?["schema"] is { } body)
                    {
                        if (contentType.StartsWith("multipart/", StringComparison.Ordinal))
                        {
                            continue; // a file upload: the form's parts, not a JSON record
                        }

                        schemas.Compare($"{e} request body", body, requestType, request: true);
                    }
                    else
                    {
                        failures.Add($"{e}: request body {contentType} ({requestType.Name}) is not documented");
                    }
                }
            }

            foreach (var produces in e.Endpoint.Metadata.OfType<IProducesResponseTypeMetadata>())
            {
                var response = op["responses"]?[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                if (response is null)
                {
                    failures.Add($"{e}: declares {produces.StatusCode} but the document does not list it");
                    continue;
                }

                if (produces.Type is null || produces.Type == typeof(void))
                {
                    continue;
                }

                foreach (var contentType in produces.ContentTypes.DefaultIfEmpty("application/json"))
                {
                    if (response["content"]?[contentType]?["schema"] is { } schema)
                    {
                        schemas.Compare($"{e} {produces.StatusCode} {contentType}", schema, produces.Type, request: false);
                    }
                    else
                    {
                        failures.Add($"{e}: {produces.StatusCode} {contentType} has no schema for {produces.Type.Name}");
                    }
                }
            }

            // A success answer whose content the contract does not describe is a generated client's guess.
            var successes = (op["responses"]?.AsObject() ?? []).Where(r => r.Key.StartsWith('2')).ToList();
            if (successes.Count == 0)
            {
                failures.Add($"{e}: no success answer is documented");
            }

            foreach (var (status, response) in successes)
            {
                if (status != "204" && (response?["content"]?.AsObject() is not { Count: > 0 } content || content.Any(c => c.Value?["schema"] is null)))
                {
                    failures.Add($"{e}: answers {status} but the document does not say with what (declare .Produces<T>() or a typed result)");
                }
            }
        }

        schemas.EveryReferenceResolves();
        Assert.True(failures.Count == 0, $"{failures.Count} contract faults:\n" + string.Join('\n', failures.Distinct()));
    }

    [SkippableFact]
    public async Task Every_endpoint_lists_the_answers_of_its_kind()
    {
        var doc = await DocumentAsync();
        var failures = new List<string>();
        foreach (var e in ApiEndpoints())
        {
            if (Operation(doc, e) is not { } op)
            {
                failures.Add($"{e}: not in the document");
                continue;
            }

            var documented = Statuses(op);
            var expected = new Dictionary<int, string>();
            var takesInput = e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null
                || (op["parameters"]?.AsArray() ?? []).Any(p => (string?)p?["in"] == "query");
            if (takesInput)
            {
                expected[400] = "it binds a body or query parameters (ProblemDetails naming the fields)";
            }

            var metadata = e.Endpoint.Metadata;
            if (metadata.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                expected[401] = "it requires sign-in";
            }

            if (e.Endpoint.RoutePattern.Parameters.Any(p => p.Name == "id"))
            {
                expected[404] = "it names an item by id in its route";
            }

            if (e.Method != "GET" || e.Route.StartsWith("/api/public/", StringComparison.Ordinal))
            {
                expected[429] = "the rate limiter budgets it";
            }

            if ((e.Method != "GET" && e.Route.StartsWith("/api/admin/", StringComparison.Ordinal)) || e.Route.StartsWith("/api/supervision/", StringComparison.Ordinal))
            {
                expected[403] = "it is for administrators or the supervising body";
            }

            if (IsPetitionAction(e))
            {
                expected[403] = "the caller's unit may not be the one responsible";
                expected[409] = "the domain may refuse the step";
            }

            foreach (var (status, why) in expected.Where(x => !documented.Contains(x.Key)))
            {
                failures.Add($"{e}: {status} is not documented, but {why}");
            }

            if (takesInput && op["responses"]?["400"]?["content"]?["application/problem+json"]?["schema"] is { } bad
                && SchemaChecker.Resolve(doc, bad)?["properties"]?["errors"] is null)
            {
                failures.Add($"{e}: the 400 answer is not a validation problem (no errors by field)");
            }

            foreach (var status in documented.Where(s => s >= 400))
            {
                var problem = op["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/problem+json"]?["schema"];
                if (problem is null || SchemaChecker.Resolve(doc, problem)?["properties"]?["title"] is null)
                {
                    failures.Add($"{e}: {status} is not described as application/problem+json ProblemDetails");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} missing answers:\n" + string.Join('\n', failures));
    }

    /// <summary>
    /// The behavioural half: every API endpoint is called anonymously, signed in with unknown ids
    /// and an empty body, and with a malformed body; whatever it answers must be in its contract.
    /// </summary>
    [SkippableFact]
    public async Task What_each_endpoint_answers_to_probes_is_in_its_contract()
    {
        var doc = await DocumentAsync();
        var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var staff = await App.SignInAsync("demo.xihu.registrar");
        var failures = new List<string>();
        var probes = 0;
        // Sign-out ends the probing session: it goes last.
        foreach (var e in ApiEndpoints().OrderBy(e => e.Route.EndsWith("/logout", StringComparison.Ordinal)))
        {
            if (Operation(doc, e) is not { } op)
            {
                failures.Add($"{e}: not in the document");
                continue;
            }

            var documented = Statuses(op);
            var url = Url(e);
            var multipart = e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)) == true;
            var json = e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null && !multipart;
            var attempts = new List<(string What, HttpClient Client, Func<HttpContent?> Body)>
            {
                ("anonymous", anonymous, () => Body(e, multipart, "{}")),
                ("signed in, unknown ids, empty body", staff, () => Body(e, multipart, "{}")),
            };
            if (json)
            {
                attempts.Add(("signed in, malformed body", staff, () => Body(e, multipart, "{\"x\":")));
            }

            foreach (var (what, client, body) in attempts)
            {
                using var request = new HttpRequestMessage(new HttpMethod(e.Method), url) { Content = body() };
                using var response = await client.SendAsync(request);
                probes++;
                var status = (int)response.StatusCode;
                if (!documented.Contains(status))
                {
                    failures.Add($"{e} ({what}): answered {status}, the contract lists {string.Join(", ", documented.Order())}");
                }
            }
        }

        Assert.True(probes > 100, $"only {probes} probes");
        Assert.True(failures.Count == 0, $"{failures.Count} answers outside the contract:\n" + string.Join('\n', failures));
    }

    [SkippableFact]
    public async Task The_api_reference_loads_in_Development()
    {
        using var development = App.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var client = development.CreateClient();
        var page = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        var response = await App.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Every (method, route) under /api the app maps and describes.</summary>
    private List<ApiEndpoint> ApiEndpoints() => App.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
        .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
        .Select(e => (Endpoint: e, Route: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/')))
        .Where(x => x.Route.StartsWith("/api/", StringComparison.Ordinal))
        .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiEndpoint(m, x.Route, x.Endpoint)))
        .Where(e => e.Method is not ("HEAD" or "OPTIONS"))
        .DistinctBy(e => e.ToString())
        .ToList();

    private static JsonNode? Operation(JsonObject doc, ApiEndpoint e) => doc["paths"]?[e.DocumentPath]?[e.Method.ToLowerInvariant()];

    private static HashSet<int> Statuses(JsonNode op) =>
        (op["responses"]?.AsObject() ?? []).Select(r => int.TryParse(r.Key, out var s) ? s : 0).ToHashSet();

    /// <summary>A POST to one item's action (<c>/api/petitions/{id}/forward</c>…): its attachments and personal-data reveal are not actions on the item.</summary>
    private static bool IsPetitionAction(ApiEndpoint e) =>
        e.Method == "POST" && e.Route.StartsWith("/api/petitions/{id", StringComparison.Ordinal)
        && !e.Route.Contains("/attachments", StringComparison.Ordinal) && !e.Route.Contains("/petitioners/", StringComparison.Ordinal);

    private static string Url(ApiEndpoint e) => RouteValue().Replace(e.Route, m => m.Groups["type"].Value switch
    {
        "guid" => Guid.NewGuid().ToString(),
        "int" or "long" => "1",
        _ => "x",
    });

    private static HttpContent? Body(ApiEndpoint e, bool multipart, string json) =>
        e.Method is "GET" or "HEAD" ? null
        : multipart ? new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("说明")), "file", "a.txt" } }
        : new StringContent(json, Encoding.UTF8, "application/json");

    [GeneratedRegex(@"\{\**(?<name>\w+)(:(?<type>\w+))?[^}]*\}")]
    private static partial Regex RouteValue();

    public sealed record ApiEndpoint(string Method, string Route, RouteEndpoint Endpoint)
    {
        /// <summary>The route as the document writes it: parameters without constraints, no trailing slash.</summary>
        public string DocumentPath => RouteValue().Replace(Route, m => "{" + m.Groups["name"].Value + "}") is var p && p.Length > 1 ? p.TrimEnd('/') : p;

        public override string ToString() => $"{Method} {Route}";
    }

    /// <summary>Compares a documented schema with a CLR type as the app's serializer writes and reads it.</summary>
    private sealed class SchemaChecker(JsonObject doc, JsonSerializerOptions json)
    {
        private readonly Dictionary<string, Type> _ids = new(StringComparer.Ordinal);
        private readonly HashSet<(string, Type, bool)> _compared = [];

        public List<string> Failures { get; } = [];

        public static JsonNode? Resolve(JsonObject doc, JsonNode schema) =>
            (string?)schema["$ref"] is { } reference ? doc["components"]?["schemas"]?[reference["#/components/schemas/".Length..]] : schema;

        /// <summary>Compares; <paramref name="request"/>: the schema describes what the app reads (then "required" must be enforced).</summary>
        public void Compare(string where, JsonNode schema, Type type, bool request)
        {
            var clr = Nullable.GetUnderlyingType(type) ?? type;
            if (Unwrap(schema) is not { } s)
            {
                Failures.Add($"{where}: no schema for {clr.Name}");
                return;
            }

            if ((string?)s["$ref"] is { } reference)
            {
                var id = reference["#/components/schemas/".Length..];
                if (_ids.TryGetValue(id, out var other) && other != clr)
                {
                    Failures.Add($"{where}: schema id '{id}' stands for both {Name(other)} and {Name(clr)}");
                    return;
                }

                _ids[id] = clr;
                if (doc["components"]?["schemas"]?[id] is not { } component)
                {
                    Failures.Add($"{where}: $ref '{id}' is not in components/schemas");
                    return;
                }

                if (!_compared.Add((id, clr, request)))
                {
                    return;
                }

                where = $"{where} → {id}";
                s = component;
            }

            var types = Types(s);
            if (clr.IsEnum)
            {
                // The app's JsonStringEnumConverter (no naming policy, integers refused) reads exactly the names.
                var values = s["enum"]?.AsArray() ?? [];
                var documented = values.Where(v => v is not null).Select(v => v!.ToString()).ToHashSet();
                var names = Enum.GetNames(clr).ToHashSet();
                if (!types.SetEquals(["string"]) || values.Any(v => v is null))
                {
                    Failures.Add($"{where}: enum {clr.Name} travels as a string name, the document says type [{string.Join(",", types)}]{(values.Any(v => v is null) ? " and lists null among its names" : string.Empty)}");
                }

                if (!documented.SetEquals(names))
                {
                    Failures.Add($"{where}: enum {clr.Name} is documented as [{string.Join(",", documented)}], the converter reads [{string.Join(",", names)}]");
                }

                return;
            }

            var expected = Primitive(clr);
            if (expected is not null)
            {
                if (!types.Contains(expected))
                {
                    Failures.Add($"{where}: {clr.Name} should be '{expected}', the document says [{string.Join(",", types)}]");
                }

                return;
            }

            var info = json.GetTypeInfo(clr);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Enumerable:
                    if (!types.Contains("array") || s["items"] is not { } items)
                    {
                        Failures.Add($"{where}: {Name(clr)} should be an array, the document says [{string.Join(",", types)}]");
                        return;
                    }

                    Compare(where + "[]", items, info.ElementType!, request);
                    return;
                case JsonTypeInfoKind.Dictionary:
                    if (!types.Contains("object") || s["additionalProperties"] is not { } values)
                    {
                        Failures.Add($"{where}: {Name(clr)} should be an object of values");
                        return;
                    }

                    Compare(where + "{}", values, info.ElementType!, request);
                    return;
                case JsonTypeInfoKind.Object:
                    CompareObject(where, s, clr, info, request);
                    return;
                default:
                    // A type with its own converter (ProblemDetails…): the document must at least say it is an object.
                    if (!types.Contains("object") && !types.Contains("string"))
                    {
                        Failures.Add($"{where}: {Name(clr)} has no type in the document");
                    }

                    return;
            }
        }

        private void CompareObject(string where, JsonNode s, Type clr, JsonTypeInfo info, bool request)
        {
            var properties = info.Properties.Where(p => !p.IsExtensionData).ToList();
            var documented = s["properties"]?.AsObject() ?? [];
            var names = properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var missing = names.Where(n => !documented.ContainsKey(n)).ToList();
            var extra = documented.Select(p => p.Key).Where(n => !names.Contains(n)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                Failures.Add($"{where}: {Name(clr)} has [{string.Join(",", names)}], the document [{string.Join(",", documented.Select(p => p.Key))}]");
                return;
            }

            // In a request, required means the serializer refuses a body without it (a positional record
            // parameter is not); in a response, that the app always writes it (every property: no ignore conditions).
            foreach (var required in (s["required"]?.AsArray() ?? []).Select(r => (string?)r))
            {
                if (properties.FirstOrDefault(p => p.Name == required) is not { } p)
                {
                    Failures.Add($"{where}: '{required}' is required but {Name(clr)} has no such property");
                }
                else if (request && !p.IsRequired && !(json.RespectRequiredConstructorParameters && p.AssociatedParameter is { HasDefaultValue: false }))
                {
                    Failures.Add($"{where}: '{required}' is documented as required, but {Name(clr)} is read without it");
                }
            }

            foreach (var p in properties)
            {
                var property = documented[p.Name]!;
                if (Nullable.GetUnderlyingType(p.PropertyType) is not null && !AllowsNull(property))
                {
                    Failures.Add($"{where}.{p.Name}: {Name(clr)}.{p.Name} may be null, the document says it may not");
                }

                Compare($"{where}.{p.Name}", property, p.PropertyType, request);
            }
        }

        /// <summary>Every $ref anywhere in the document names a schema that is there.</summary>
        public void EveryReferenceResolves()
        {
            var schemas = doc["components"]?["schemas"]?.AsObject() ?? [];
            foreach (var reference in References(doc))
            {
                if (reference.StartsWith("#/components/schemas/", StringComparison.Ordinal) && !schemas.ContainsKey(reference["#/components/schemas/".Length..]))
                {
                    Failures.Add($"$ref {reference} does not resolve");
                }
            }
        }

        private static IEnumerable<string> References(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v && v.TryGetValue<string>(out var r) ? [r] : References(p.Value)),
            JsonArray a => a.SelectMany(References),
            _ => [],
        };

        /// <summary>A nullable reference is written as oneOf [null, $ref]: the non-null branch is the type's schema.</summary>
        private static JsonNode? Unwrap(JsonNode schema) =>
            schema["oneOf"] is JsonArray one && one.Where(b => b?["type"]?.ToString() != "null").ToList() is [var single] ? single : schema;

        private static bool AllowsNull(JsonNode schema) =>
            Types(schema).Contains("null")
            || (schema["oneOf"]?.AsArray() ?? []).Any(b => b?["type"]?.ToString() == "null")
            || (schema["$ref"] is not null) // an enum or object by reference: the generator puts null inside the shared schema
            || (schema["enum"]?.AsArray() ?? []).Any(v => v is null);

        private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
        {
            JsonArray a => a.Select(t => t!.ToString()).ToHashSet(),
            JsonValue v => [v.ToString()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };

        private static string? Primitive(Type t) =>
            t == typeof(string) || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
            || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(char) || t == typeof(Uri) || t == typeof(byte[])
            || typeof(Stream).IsAssignableFrom(t) ? "string"
            : t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte) ? "integer"
            : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? "number"
            : t == typeof(bool) ? "boolean"
            : null;

        private static string Name(Type t) => t.DeclaringType is { } outer ? $"{Name(outer)}.{t.Name}" : t.Name;
    }
}

public sealed class ApiContractOnSqlite(SqliteFixture fixture) : ApiContractTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ApiContractOnPostgres(PostgresFixture fixture) : ApiContractTests(fixture), IClassFixture<PostgresFixture>;
