using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.OpenApi;

/// <summary>
/// The OpenAPI document of every HTTP function of functions.metadata (the routes the host serves),
/// with what <see cref="ApiRoutes"/> says of each and the problems each can answer: its own, and those
/// every route of its kind answers. Built once; a function the table does not describe (or a
/// description of no function) stops the build, so the document never drifts from what is served.
/// </summary>
public sealed partial class ApiDocument
{
    public const string StaffScheme = "staffAccessToken";
    public const string ClientScheme = "clientLinkToken";
    private const string Problem = "Problem";

    private readonly Lazy<Task<string>> _json;

    public ApiDocument(FunctionCatalog catalog) : this(catalog, HostJson.RoutePrefix(AppContext.BaseDirectory))
    {
    }

    public ApiDocument(FunctionCatalog catalog, string routePrefix) =>
        _json = new(() => Build(catalog, routePrefix).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));

    /// <summary>The document as JSON (OpenAPI 3.1).</summary>
    public Task<string> JsonAsync() => _json.Value;

    public static OpenApiDocument Build(FunctionCatalog catalog, string routePrefix)
    {
        var routes = ApiRoutes.All.ToDictionary(r => r.Function, StringComparer.OrdinalIgnoreCase);
        var http = catalog.Functions.Where(f => f.Trigger is HttpTrigger).ToArray();
        var undescribed = http.Select(f => f.Name).Where(n => !routes.ContainsKey(n)).ToArray();
        var unserved = routes.Keys.Where(n => http.All(f => !f.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (undescribed.Length > 0 || unserved.Length > 0)
            throw new InvalidOperationException($"The API description and functions.metadata differ: undescribed {string.Join(", ", undescribed)}; not served {string.Join(", ", unserved)}.");

        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Solidaire API",
                Version = typeof(ApiDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0",
                Description = "The HTTP functions of Solidaire. Every error is an RFC 9457 problem (application/problem+json) with a stable code, "
                    + "listed under each operation. Any other address answers 404 not_found, and a known address asked with another method 405 method_not_allowed (with Allow).",
            },
            Paths = [],
            Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "public", Description = "Anonymous: the public pages' requests." },
                new() { Name = "client", Description = "A client's emailed link: its token in Authorization: Bearer." },
                new() { Name = "staff", Description = "Coaches, coordinators and ethics referents, signed in by emailed link." },
            },
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { [Problem] = ProblemSchema() },
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [StaffScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "A staff member's access token (POST /staff/access-tokens), in Authorization: Bearer.",
                    },
                    [ClientScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "The token of the link emailed to the client (in the page's URL fragment), in Authorization: Bearer.",
                    },
                },
            },
        };

        foreach (var group in http.GroupBy(f => ((HttpTrigger)f.Trigger).Route, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem();
            foreach (var function in group)
            {
                var trigger = (HttpTrigger)function.Trigger;
                foreach (var method in trigger.Methods)
                    item.AddOperation(new HttpMethod(method), Operation(document, function.Name, trigger, method, routes[function.Name]));
            }
            document.Paths.Add($"/{routePrefix}/{PathTemplate(group.Key)}".Replace("//", "/", StringComparison.Ordinal), item);
        }
        return document;
    }

    /// <summary>How a route authenticates, as the code checks it (<see cref="HttpFunctionGate.IsTokenProtected"/>).</summary>
    public static string? SchemeOf(HttpTrigger trigger) =>
        !HttpFunctionGate.IsTokenProtected(trigger) ? null
        : trigger.Route.StartsWith("client/", StringComparison.OrdinalIgnoreCase) ? ClientScheme
        : StaffScheme;

    /// <summary>
    /// Every problem code a route can answer: its own, and what every route of its kind answers,
    /// decided by the same rules the code runs (<see cref="HttpFunctionGate"/>, <see cref="JsonRequestReader"/>, <see cref="UnexpectedErrors"/>).
    /// </summary>
    internal static IReadOnlyList<ProblemCode> ProblemsOf(ApiRoute route, HttpTrigger trigger, string method)
    {
        var codes = new List<string>(route.Problems);
        if (SchemeOf(trigger) is not null)
            codes.Add("invalid_token");
        if (route.Body is not null)
            codes.AddRange(["unsupported_media_type", "payload_too_large", "malformed_json", "validation_failed", "malformed_request", "request_timeout"]);
        if (HttpFunctionGate.IsRateLimited(trigger, method))
            codes.Add("rate_limited");
        if (route.UsesStorage)
            codes.Add("storage_unavailable");
        codes.Add("internal_error");
        return codes.Distinct(StringComparer.Ordinal).Select(ProblemCatalog.Of).OrderBy(p => p.Status).ThenBy(p => p.Code, StringComparer.Ordinal).ToArray();
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string name, HttpTrigger trigger, string method, ApiRoute route)
    {
        var operation = new OpenApiOperation
        {
            OperationId = name,
            Summary = route.Summary,
            Tags = new HashSet<OpenApiTagReference> { new(SchemeOf(trigger) switch { StaffScheme => "staff", ClientScheme => "client", _ => "public" }, document) },
            Parameters = [.. PathParameters(trigger.Route), .. route.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = p.In,
                Required = p.Required,
                Description = p.Description,
                Schema = p.Schema,
            })],
            Responses = [],
        };
        if (SchemeOf(trigger) is { } scheme)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
        if (route.Body is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [ApiAnswer.Json] = new OpenApiMediaType { Schema = route.Body } },
            };
        }

        operation.Responses.Add(route.Answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = route.Answer.Description,
            Content = route.Answer.ContentType is { } type
                ? new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = type == ApiAnswer.Json ? JsonSchemaType.Object : JsonSchemaType.String } } }
                : null,
        });
        foreach (var status in ProblemsOf(route, trigger, method).GroupBy(p => p.Status))
        {
            operation.Responses.Add(status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = string.Join(" ", status.Select(p => p.Title is null ? p.Code + "." : $"{p.Code}: {p.Title}")),
                Headers = status.Any(p => p.RetryAfter)
                    ? new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                    {
                        ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" } },
                    }
                    : null,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [ProblemResult.ContentType] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            AllOf = [new OpenApiSchemaReference(Problem, document)],
                            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                            {
                                ["code"] = ApiSchemas.OneOf(status.Select(p => p.Code)),
                            },
                        },
                    },
                },
            });
        }
        return operation;
    }

    /// <summary>The route's {name}, {name:constraint} and {name?} segments as OpenAPI path parameters.</summary>
    private static IEnumerable<IOpenApiParameter> PathParameters(string route) =>
        RouteParameter().Matches(route).Select(m => new OpenApiParameter
        {
            Name = m.Groups["name"].Value,
            In = ParameterLocation.Path,
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    private static string PathTemplate(string route) => RouteParameter().Replace(route, m => "{" + m.Groups["name"].Value + "}");

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem with a stable code.",
        Required = new SortedSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "urn:solidaire:problem:{code}" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"validation_failed: the messages by field, at most {ProblemResult.MaxListedErrors} fields.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["moreErrors"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "How many more fields have errors." },
            ["missing"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            ["alternatives"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            ["retryAfter"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Description = "rate_limited and storage_unavailable: the seconds to wait before trying again, as in the Retry-After header (which a page on another origin may not be able to read).",
            },
            ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}
