using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Api;

/// <summary>The reference page people read is the document programs read.</summary>
public sealed partial class ApiReferenceTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_reference_page_shows_every_operation_and_schema_of_the_document_and_loads_nothing_from_another_origin(string language)
    {
        using var client = _app.Browser();
        var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json")).RootElement;

        var response = await client.GetAsync($"/{language}/api");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.Contains($"id=\"op-{operation.Value.GetProperty("operationId").GetString()}\"", page, StringComparison.Ordinal);
                Assert.Contains($"{operation.Name.ToUpperInvariant()} {path.Name}", page, StringComparison.Ordinal);
            }
        }
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            Assert.Contains($"id=\"schema-{schema.Name}\"", page, StringComparison.Ordinal);
        }
        // The example to paste calls this site's count; the page itself runs no script and loads nothing from elsewhere.
        Assert.Contains($"{_app.Address.ToString().TrimEnd('/')}/api/v1/campaigns/{RalliementApp.Slug}/count", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.Empty(ExternalSource().Matches(page));
    }

    [Fact]
    public async Task The_display_kit_leads_to_the_reference()
    {
        using var client = _app.Browser();

        var kit = await client.GetStringAsync($"/en/c/{RalliementApp.Slug}/kit");

        Assert.Contains("href=\"/en/api\"", kit, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalSource();
}
