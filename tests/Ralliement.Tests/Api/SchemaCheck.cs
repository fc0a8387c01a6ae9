using System.Text.Json;

namespace Ralliement.Tests.Api;

/// <summary>
/// A small check of a JSON value against an OpenAPI 3.1 schema: references, types (with null), required
/// properties, and no property the schema does not describe. Enough to hold the API to its document.
/// </summary>
public static class SchemaCheck
{
    public static List<string> Problems(JsonElement document, JsonElement schema, JsonElement value, string where)
    {
        var problems = new List<string>();
        Check(document, schema, value, where, problems);
        return problems;
    }

    private static void Check(JsonElement document, JsonElement schema, JsonElement value, string where, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Check(document, document.GetProperty("components").GetProperty("schemas").GetProperty(name), value, $"{where} ({name})", problems);
            return;
        }
        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var choices))
            {
                if (!choices.EnumerateArray().Any(choice => Problems(document, choice, value, where).Count == 0))
                {
                    problems.Add($"{where}: {value} matches none of {keyword}");
                }
                return;
            }
        }
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        if (types.Count > 0 && !types.Any(t => Is(t, value)))
        {
            problems.Add($"{where}: {value.ValueKind} is not {string.Join(" | ", types)}");
            return;
        }
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!)
                    .Where(name => !value.TryGetProperty(name, out _))
                    .Select(name => $"{where}: lacks the required {name}"));
            }
            foreach (var property in value.EnumerateObject())
            {
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(document, propertySchema, property.Value, $"{where}.{property.Name}", problems);
                }
                else
                {
                    problems.Add($"{where}: {property.Name} is not in the document");
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(document, items, item, $"{where}[{index++}]", problems);
            }
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => false,
    };
}
