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

    public static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient client, int id, string handler, Dictionary<string, string> fields) =>
        await RalliementApp.PostFormAsync(client, $"{Campaign(id)}/edit{handler}", fields, $"{Campaign(id)}/edit");

    public static async Task<HttpResponseMessage> UploadLogoAsync(HttpClient client, int id, byte[] content, string contentType = "image/png", string fileName = "logo.png")
    {
        var page = await client.GetStringAsync($"{Campaign(id)}/edit");
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
