using System.Net;
using System.Net.Http.Headers;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Editing;

/// <summary>What an editor does in the campaign editor, through its forms, in the demo organisation.</summary>
public static class EditorSteps
{
    public const string Organiser = "/fr/organiser/" + RalliementApp.DemoOrganisation;

    /// <summary>A 1×1 PNG image.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public static string Campaign(int id) => $"{Organiser}/campaigns/{id}";

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string slug, string title = "Lettre ouverte", string language = "fr", string kind = "OpenLetter") =>
        await RalliementApp.PostFormAsync(client, $"{Organiser}/campaigns/new", new()
        {
            ["Form.Slug"] = slug,
            ["Form.Kind"] = kind,
            ["Form.Language"] = language,
            ["Form.Title"] = title,
        });

    /// <summary>Creates a draft and returns its id, read from the redirect to its overview.</summary>
    public static async Task<int> CreateDraftAsync(HttpClient client, string slug, string title = "Lettre ouverte")
    {
        var response = await CreateAsync(client, slug, title);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> WriteTextAsync(HttpClient client, int id, string language, string title, string body, string summary = "En bref.", string? note = null, bool preview = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Summary"] = summary,
            ["Form.Body"] = body,
        };
        if (note is not null)
        {
            fields["Form.AmendmentNote"] = note;
        }
        if (preview)
        {
            fields["preview"] = "1";
        }
        return await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/text/{language}", fields);
    }

    public static async Task<HttpResponseMessage> ChangeStateAsync(HttpClient client, int id, string change) =>
        await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/state", new() { ["change"] = change }, $"{Campaign(id)}/edit");

    /// <summary>A draft with a French text, published.</summary>
    public static async Task<int> PublishedAsync(HttpClient client, string slug)
    {
        var id = await CreateDraftAsync(client, slug);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(client, id, "fr", "Lettre ouverte", "Premier texte, **première** version.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(client, id, "publish")).StatusCode);
        return id;
    }

    public static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient client, int id, Dictionary<string, string> fields) =>
        await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/edit", fields);

    /// <summary>Posts the commitments page's one form: <c>Commitments.Rows[i]…</c>, <c>Commitments.New…</c>, <c>Commitments.Remove</c>.</summary>
    public static async Task<HttpResponseMessage> PostCommitmentsAsync(HttpClient client, int id, Dictionary<string, string> fields) =>
        await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/commitments", fields);

    /// <summary>Posts the fields page's one form: <c>Fields.Rows[i]…</c>, <c>Fields.New…</c>, <c>Fields.Remove</c>.</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(HttpClient client, int id, Dictionary<string, string> fields) =>
        await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/fields", fields);

    /// <summary>The form's inputs as the page shows them, by name: what a browser would post back untouched.</summary>
    public static async Task<Dictionary<string, string>> FormValuesAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var values = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(page, "<input [^>]*>"))
        {
            var name = Attribute(input.Value, "name");
            var type = Attribute(input.Value, "type");
            if (name is null || name == "__RequestVerificationToken" || type == "file" || (type == "checkbox" && !input.Value.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }
            values[name] = WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "");
        }
        foreach (System.Text.RegularExpressions.Match area in System.Text.RegularExpressions.Regex.Matches(page, "<textarea [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            values[WebUtility.HtmlDecode(area.Groups[1].Value)] = WebUtility.HtmlDecode(area.Groups[2].Value);
        }
        foreach (System.Text.RegularExpressions.Match select in System.Text.RegularExpressions.Regex.Matches(page, "<select [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var selected = System.Text.RegularExpressions.Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            values[WebUtility.HtmlDecode(select.Groups[1].Value)] = selected.Success ? selected.Groups[1].Value : "";
        }
        return values;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(tag, $" {name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public static async Task<HttpResponseMessage> UploadLogoAsync(HttpClient client, int id, byte[] content, string contentType = "image/png", string fileName = "logo.png")
    {
        var page = await client.GetStringAsync($"{Campaign(id)}/logo");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(RalliementApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"{Campaign(id)}/logo", form);
    }
}
