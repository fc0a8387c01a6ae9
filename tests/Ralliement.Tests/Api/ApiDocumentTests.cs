using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Api;

/// <summary>The OpenAPI document says what the API does, and the API does what the document says.</summary>
public sealed partial class ApiDocumentTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _app.Browser();
        var response = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_document_lists_every_api_v1_route_the_app_maps_and_no_other()
    {
        var document = await DocumentAsync();

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        var mapped = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal))
            // The document itself is no operation of the API.
            .Where(e => e.RoutePattern.RawText != "/api/v1/openapi.json")
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {Constraint().Replace(e.RoutePattern.RawText!, "")}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(mapped, documented);
        Assert.Equal(9, documented.Count);
    }

    [Fact]
    public async Task The_document_names_this_site_as_its_server_and_describes_every_operation()
    {
        var document = await DocumentAsync();

        Assert.Equal(_app.Address.ToString().TrimEnd('/'), document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());
        Assert.True(document.GetProperty("info").TryGetProperty("license", out _));
        foreach (var (path, operation) in Operations(document))
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.True(operation.GetProperty("tags").GetArrayLength() > 0, path);
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out _), path);
            Assert.True(responses.TryGetProperty("304", out _), path);
            Assert.True(responses.TryGetProperty("404", out _) || responses.TryGetProperty("400", out _) || path == "/api/v1/organisations", path);
            if (operation.TryGetProperty("parameters", out var parameters))
            {
                Assert.All(parameters.EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString()), $"{path} {p}"));
            }
        }
    }

    [Fact]
    public async Task Every_operation_called_with_real_values_answers_json_that_has_what_its_schema_requires()
    {
        await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Irène", lastName: "Publique");
        var document = await DocumentAsync();
        using var client = _app.Browser();

        var called = 0;
        foreach (var (path, operation) in Operations(document))
        {
            var url = path.Replace("{slug}", RalliementApp.Slug, StringComparison.Ordinal).Replace("{org}", RalliementApp.DemoOrganisation, StringComparison.Ordinal)
                .Replace("{lang}", "fr", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal);
            var response = await client.GetAsync(url);

            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var schema = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var problems = SchemaCheck.Problems(document, schema, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, url);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            called++;
        }
        Assert.Equal(9, called);
    }

    [Fact]
    public async Task Every_operation_that_documents_a_404_answers_it_as_problem_details_for_an_unknown_campaign()
    {
        var document = await DocumentAsync();
        using var client = _app.Browser();

        foreach (var (path, operation) in Operations(document).Where(o => o.Operation.GetProperty("responses").TryGetProperty("404", out _)))
        {
            var url = path.Replace("{slug}", "nobody-wrote-this", StringComparison.Ordinal).Replace("{org}", "nobody-founded-this", StringComparison.Ordinal)
                .Replace("{lang}", "fr", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal);
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var schema = operation.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Empty(SchemaCheck.Problems(document, schema, body, url));
            Assert.Equal(404, body.GetProperty("status").GetInt32());
        }
    }

    private static IEnumerable<(string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(method => (path.Name, method.Value)));

    /// <summary>A route parameter's constraint, which the document leaves out: <c>{number:int}</c> is <c>{number}</c> there.</summary>
    [GeneratedRegex(@":[a-z]+(?=\})")]
    private static partial Regex Constraint();
}
