using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Ralliement.Tests.Support;

/// <summary>Intent methods for imports and news: upload a CSV as the import page's form does.</summary>
public partial class RalliementApp
{
    public static string ImportPath(int campaignId, string language = "en") =>
        $"/{language}/organiser/{DemoOrganisation}/campaigns/{campaignId}/import";

    /// <summary>Posts a file to the import page with the page's antiforgery token; returns the response, not followed.</summary>
    public static async Task<HttpResponseMessage> UploadCsvAsync(HttpClient client, int campaignId, byte[] content, string fileName = "signatures.csv", string language = "en")
    {
        var path = ImportPath(campaignId, language);
        var page = await client.GetStringAsync(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync(path, form);
    }

    public static Task<HttpResponseMessage> UploadCsvAsync(HttpClient client, int campaignId, string csv) =>
        UploadCsvAsync(client, campaignId, Encoding.UTF8.GetBytes(csv));

    /// <summary>Uploads, then presses "Import N signatures" on the preview; returns the preview's path.</summary>
    public static async Task<string> ImportCsvAsync(HttpClient client, int campaignId, string csv)
    {
        var uploaded = await UploadCsvAsync(client, campaignId, csv);
        var preview = uploaded.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"The upload answered {(int)uploaded.StatusCode}.");
        var confirmed = await PostFormAsync(client, preview, []);
        if (!confirmed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Confirming the import answered {(int)confirmed.StatusCode}.");
        }
        return preview;
    }

    /// <summary>The number in a row of the preview's summary table, found by its label.</summary>
    public static int SummaryCount(string page, string label)
    {
        var match = Regex.Match(page, $@"<th scope=""row"">{Regex.Escape(label)}</th><td>(\d+)</td>");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No row “{label}” in the page.");
    }
}
