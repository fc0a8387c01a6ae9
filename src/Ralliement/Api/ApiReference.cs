using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ralliement.Api;

/// <summary>
/// The API's reference as people read it, taken from the OpenAPI document the API serves: what the
/// page says cannot drift from what the document (and so the code) says.
/// </summary>
public sealed class ApiReference([FromKeyedServices(ApiServices.DocumentName)] IOpenApiDocumentProvider documents, RalliementDb db)
{
    public sealed record Document(string Title, string Version, string Description, IReadOnlyList<Operation> Operations,
        IReadOnlyList<Schema> Schemas, string? ExampleSlug, string? ExampleOrganisation);

    public sealed record Operation(string Method, string Path, string Id, string Tag, string Summary, IReadOnlyList<Parameter> Parameters,
        IReadOnlyList<Response> Responses);

    public sealed record Parameter(string Name, string In, string Type, bool Required, string Description);

    /// <param name="Schema">The name of the answer's schema, if it has a body.</param>
    public sealed record Response(string Status, string Description, string? Schema);

    public sealed record Schema(string Name, string Description, IReadOnlyList<Property> Properties);

    public sealed record Property(string Name, string Type, bool Nullable, string Description);

    public async Task<Document> HandleAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        using var json = JsonDocument.Parse(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken));
        var root = json.RootElement;
        var info = root.GetProperty("info");
        // A real campaign makes the examples work when pasted; the newest open one, else any published.
        var example = await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Draft)
            .OrderByDescending(c => c.State == CampaignState.Open).ThenByDescending(c => c.Id)
            .Select(c => new { c.Slug, Organisation = c.Organisation.Slug }).FirstOrDefaultAsync(cancellationToken);
        return new Document(Text(info, "title"), Text(info, "version"), Text(info, "description"), Operations(root), Schemas(root),
            example?.Slug, example?.Organisation);
    }

    private static List<Operation> Operations(JsonElement root)
    {
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var operation = method.Value;
                var parameters = operation.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new Parameter(Text(p, "name"), Text(p, "in"), TypeOf(p.GetProperty("schema")),
                        p.TryGetProperty("required", out var required) && required.GetBoolean(), Text(p, "description"))).ToList()
                    : [];
                var responses = operation.GetProperty("responses").EnumerateObject()
                    .OrderBy(r => r.Name, StringComparer.Ordinal)
                    .Select(r => new Response(r.Name, Text(r.Value, "description"), ResponseSchema(r.Value)))
                    .ToList();
                var tag = operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString() ?? "" : "";
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, Text(operation, "operationId"), tag, Text(operation, "summary"),
                    parameters, responses));
            }
        }
        return operations;
    }

    private static List<Schema> Schemas(JsonElement root)
    {
        if (!root.TryGetProperty("components", out var components) || !components.TryGetProperty("schemas", out var schemas))
        {
            return [];
        }
        return schemas.EnumerateObject().Select(schema =>
        {
            var properties = schema.Value.TryGetProperty("properties", out var list)
                ? list.EnumerateObject().Select(p => new Property(p.Name, TypeOf(p.Value), IsNullable(p.Value), Text(p.Value, "description"))).ToList()
                : [];
            return new Schema(schema.Name, Text(schema.Value, "description"), properties);
        }).ToList();
    }

    private static string? ResponseSchema(JsonElement response)
    {
        if (!response.TryGetProperty("content", out var content))
        {
            return null;
        }
        foreach (var media in content.EnumerateObject())
        {
            if (media.Value.TryGetProperty("schema", out var schema))
            {
                return TypeOf(schema);
            }
        }
        return null;
    }

    /// <summary>
    /// A schema's type as people write it: a schema's name, <c>Name[]</c>, <c>string</c>, <c>integer</c>
    /// (the document allows integers written as strings in queries; people write numbers).
    /// </summary>
    public static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return reference.GetString()!.Split('/')[^1];
        }
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!]
            : [];
        types.Remove("null");
        if (types.Contains("integer"))
        {
            return "integer";
        }
        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return TypeOf(items) + "[]";
        }
        if (types.Contains("string") && schema.TryGetProperty("format", out var format) && format.GetString() == "date-time")
        {
            return "date-time";
        }
        return types.Count > 0 ? string.Join(" | ", types) : "object";
    }

    private static bool IsNullable(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null");

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
