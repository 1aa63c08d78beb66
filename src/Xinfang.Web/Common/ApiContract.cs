using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Xinfang.Web.Casework;
using Xinfang.Web.Security;

namespace Xinfang.Web.Common;

/// <summary>
/// The API contract (<c>/openapi/v1.json</c>, browsed at <c>/scalar</c>) tells the truth about every
/// endpoint: each request and response type has its own schema (<see cref="SchemaId"/>), the answers
/// every endpoint shares are described by one rule (<see cref="ProblemResponses"/>), and the answers
/// that depend on the use case are declared where it is mapped (<c>.Produces&lt;T&gt;()</c>, and
/// <see cref="DescribePetitionActions"/> for the casework actions). <c>ApiContractTests</c> compares the
/// document with the C# types the endpoints bind and return.
/// </summary>
public static class ApiContract
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = SchemaId;
        options.AddDocumentTransformer(AsTheSerializerReads);
    }

    /// <summary>
    /// Says of the schemas what the app's serializer does. Enums travel as their names (the
    /// <c>JsonStringEnumConverter</c> of <see cref="CommonSetup"/>): an enum is a string, and its shared
    /// schema does not list null (a nullable use says so itself, as <c>oneOf [null, $ref]</c>). A field
    /// of a request is required only when the serializer refuses a body without it, and a positional
    /// record parameter is not (<c>RespectRequiredConstructorParameters</c> is off; each use case names
    /// a missing field in its own 400), so the schemas a request body reaches list none.
    /// </summary>
    private static Task AsTheSerializerReads(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>().Where(s => s.Enum is { Count: > 0 }))
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. schema.Enum!.Where(n => n is not null && n.GetValueKind() != JsonValueKind.Null)];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bodies = (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()).Select(m => m.Schema);
        foreach (var body in bodies)
        {
            Optional(body, schemas, seen);
        }

        return Task.CompletedTask;
    }

    private static void Optional(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (!seen.Add(id) || !schemas.TryGetValue(id, out schema))
            {
                return;
            }
        }

        if (schema is not OpenApiSchema s)
        {
            return;
        }

        s.Required = null;
        foreach (var inner in (s.Properties?.Values ?? []).Concat(s.OneOf ?? []).Concat(s.AnyOf ?? []).Concat(s.AllOf ?? [])
                     .Append(s.Items).Append(s.AdditionalProperties))
        {
            Optional(inner, schemas, seen);
        }
    }

    /// <summary>
    /// A schema's id is its type's name prefixed by the types it is nested in: the use cases each
    /// declare a nested <c>Request</c>, and <c>ForwardPetition.Request</c> must not share a schema
    /// with <c>SignIn.Request</c> (<c>ForwardPetitionRequest</c>, <c>SignInRequest</c>).
    /// </summary>
    public static string? SchemaId(JsonTypeInfo type)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        if (id is null)
        {
            return null;
        }

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        for (var outer = clr.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            var name = outer.Name;
            id = (name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name) + id;
        }

        return id;
    }

    /// <summary>
    /// The casework actions — every POST to one item (<c>/api/petitions/{id}/…</c>) in the group — all
    /// answer through <see cref="ActOutcome.ToResult"/>: 200 with the item after the action, 403 when
    /// the caller's unit is not the one responsible, 404 when the item is unknown or out of scope, and
    /// 409 when the domain refuses the step (<see cref="ApiExceptionHandler"/>: the rule's <c>code</c>,
    /// or a lost race). An action mapped later in the group is described without touching its file.
    /// </summary>
    public static RouteGroupBuilder DescribePetitionActions(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } route } || !methods.Contains(HttpMethods.Post)
                || !route.Contains("/{id:guid}/", StringComparison.Ordinal))
            {
                return;
            }

            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            if (!declared.Contains(StatusCodes.Status200OK))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PetitionDetail), [Json]));
            }

            foreach (var status in (int[])[StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict])
            {
                if (!declared.Contains(status))
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [Problem]));
                }
            }
        });
        return group;
    }
}

/// <summary>
/// The answers every API endpoint can give whatever its use case, added to its description from the
/// same facts the framework acts on: an endpoint that binds a body or query parameters answers 400
/// (validation ProblemDetails naming the fields, <see cref="RequestErrors"/> and
/// <see cref="ApiExceptionHandler"/>); one that requires sign-in answers 401; one the global rate
/// limiter budgets (<see cref="RateLimits.Budgets"/>) answers 429. An endpoint's own declaration of
/// the same status wins.
/// </summary>
internal sealed class ProblemResponses : IApiDescriptionProvider
{
    /// <summary>After the framework's EndpointMetadataApiDescriptionProvider (-1100) has described the endpoint.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
        foreach (var d in context.Results)
        {
            var path = "/" + (d.RelativePath ?? string.Empty);
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            var metadata = d.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAcceptsMetadata>().Any()
                || d.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Query || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile))
            {
                Add(d, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), "请求有误：errors 按字段列出原因");
            }

            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                Add(d, StatusCodes.Status401Unauthorized, typeof(ProblemDetails), "未登录或登录已失效");
            }

            if (RateLimits.Budgets(d.HttpMethod ?? "GET", path))
            {
                Add(d, StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), "请求过于频繁（Retry-After 说明等待时间）");
            }
        }
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
    }

    private static void Add(ApiDescription d, int status, Type type, string description)
    {
        if (d.SupportedResponseTypes.Any(r => r.StatusCode == status))
        {
            return;
        }

        d.SupportedResponseTypes.Add(new ApiResponseType
        {
            StatusCode = status,
            Type = type,
            Description = description,
            ApiResponseFormats = [new ApiResponseFormat { MediaType = ApiContract.Problem }],
        });
    }
}
