using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Ralliement.Statistics;

namespace Ralliement.Api;

/// <summary>
/// The public, read-only JSON API under <c>/api/v1</c>, its OpenAPI document at
/// <c>/api/v1/openapi.json</c> and its reference page (<c>/{lang}/api</c>, <see cref="ReferenceModel"/>).
/// Every answer is public, cached like the pages and readable from any site's scripts.
/// </summary>
public static class ApiServices
{
    public const string Prefix = "/api/v1";
    public const string DocumentName = "v1";
    public const string DocumentPath = Prefix + "/openapi.json";

    /// <summary>Any origin may read, never with credentials: every answer here is public anyway.</summary>
    public const string CorsPolicy = "PublicReading";

    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadOrganisations>();
        builder.Services.AddScoped<ListCampaigns>();
        builder.Services.AddScoped<ReadCampaignTexts>();
        builder.Services.AddScoped<ApiReference>();
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").AllowAnyHeader()
            .WithExposedHeaders("Link", "ETag").SetPreflightMaxAge(TimeSpan.FromDays(1))));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // Only /api/v1: the kit's older count address and the site's own endpoints are not this API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            // "ApiCampaign" is "Campaign" to readers: the prefix only keeps the C# names apart from the entities'.
            options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && id.StartsWith("Api", StringComparison.Ordinal) && id.Length > 3
                ? id[3..]
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Ralliement",
                    Version = "v1",
                    Description = "Read a site's published campaigns, their texts, counts and public signatories. "
                        + "Read-only, no key, open to any origin (CORS). Within v1 changes are additive only: new operations, "
                        + "new optional parameters, new properties; nothing is renamed, retyped or removed. Errors are RFC 9457 problem details. "
                        + "This description is in the public domain (CC0 1.0); the texts and names it serves are their authors' and signatories'.",
                    // The licence of the description itself: the campaigns' texts and the names are not the site's to license.
                    License = new OpenApiLicense { Name = "CC0 1.0", Identifier = "CC0-1.0" },
                };
                // The server is the site that answered, not a host written here: every self-hosted site serves its own document.
                if (context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext is { } http)
                {
                    var configuration = context.ApplicationServices.GetRequiredService<IConfiguration>();
                    document.Servers = [new OpenApiServer { Url = PublicLinks.For(http.Request, configuration).BaseUrl }];
                }
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // The framework's type carries no doc comment: its fields as RFC 9457 defines them.
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails) && schema.Properties is { } properties)
                {
                    schema.Description = "What went wrong, as RFC 9457 problem details (application/problem+json).";
                    foreach (var (name, description) in ProblemFields)
                    {
                        if (properties.TryGetValue(name, out var property) && property is OpenApiSchema field)
                        {
                            field.Description = description;
                        }
                    }
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: the answer is the one whose ETag was sent in If-None-Match." };
                return Task.CompletedTask;
            });
        });
    }

    private static readonly (string Name, string Description)[] ProblemFields =
    [
        ("type", "A URI naming the kind of problem."),
        ("title", "The kind of problem, in a few words."),
        ("status", "The HTTP status code."),
        ("detail", "What went wrong with this request, and how to put it right."),
        ("instance", "A URI naming this occurrence, if any."),
    ];

    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireCors(CorsPolicy).CacheOutput(PublicPageCaching.Policy);
        api.MapOpenApi("/openapi.json");

        api.MapGet("/organisations", ApiEndpoints.GetOrganisations)
            .Describe("listOrganisations", "Organisations");
        api.MapGet("/organisations/{org}", ApiEndpoints.GetOrganisation)
            .Describe("getOrganisation", "Organisations", StatusCodes.Status404NotFound);
        api.MapGet("/campaigns", ApiEndpoints.GetCampaigns)
            .Describe("listCampaigns", "Campaigns", StatusCodes.Status400BadRequest);
        api.MapGet("/campaigns/{slug}", ApiEndpoints.GetCampaign)
            .Describe("getCampaign", "Campaigns", StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{slug}/versions", ApiEndpoints.GetVersions)
            .Describe("listTextVersions", "Campaigns", StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{slug}/versions/{lang:lang}/{number:int}", ApiEndpoints.GetVersion)
            .Describe("getTextVersion", "Campaigns", StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{slug}/count", ApiEndpoints.GetCount)
            .Describe("getCount", "Counts", StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{slug}/signatories", ApiEndpoints.GetSignatories)
            .Describe("listSignatories", "Signatories", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{slug}/stats", ApiEndpoints.GetStatistics)
            .Describe("getStatistics", "Statistics", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .CacheOutput(StatisticsServices.CachePolicy);
    }

    /// <summary>
    /// The operation's id and tag, and the problems it may answer besides its own result. Its summary and
    /// its parameters' descriptions are the doc comments of its method in <see cref="ApiEndpoints"/>.
    /// </summary>
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string tag, params int[] problems)
    {
        endpoint.WithName(operationId).WithTags(tag);
        foreach (var status in problems)
        {
            endpoint.ProducesProblem(status);
        }
        return endpoint;
    }

    /// <summary>Whether a path is the API's, whose errors are problem details rather than pages.</summary>
    public static bool IsApiPath(string? path) =>
        path is not null && (path == Prefix || path.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The problem details of an error the API's endpoints did not answer themselves: an unknown path,
    /// a parameter that is not a number, another method, a rate limit. The error page gives them for
    /// API paths (<see cref="ErrorModel"/>).
    /// </summary>
    public static ProblemDetails ProblemFor(int status) => new()
    {
        Status = status,
        Title = status switch
        {
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            413 => "Content Too Large",
            429 => "Too Many Requests",
            >= 500 => "Internal Server Error",
            _ => "Error",
        },
        Detail = status switch
        {
            400 => "A parameter is not valid: see the operation's parameters in " + DocumentPath + ".",
            404 => "No operation of this API has that address: see " + DocumentPath + ".",
            405 => "This API only reads: GET (and OPTIONS for a browser's preflight).",
            429 => "Too many requests: wait the seconds Retry-After says.",
            _ => null,
        },
        Type = status switch
        {
            400 => "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request",
            404 => "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found",
            405 => "https://www.rfc-editor.org/rfc/rfc9110#name-405-method-not-allowed",
            413 => "https://www.rfc-editor.org/rfc/rfc9110#name-413-content-too-large",
            429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            _ => "https://www.rfc-editor.org/rfc/rfc9110#name-500-internal-server-error",
        },
    };
}
