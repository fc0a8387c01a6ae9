using Microsoft.EntityFrameworkCore;

namespace Ralliement.Tests.Support;

/// <summary>Intent methods for news: write a post and press "Send", as an editor does.</summary>
public partial class RalliementApp
{
    public static string NewsPath(int campaignId, string language = "en", string organisation = DemoOrganisation) =>
        $"/{language}/organiser/{organisation}/campaigns/{campaignId}/news";

    /// <summary>Saves a draft from the news page; returns the post's page.</summary>
    public static async Task<string> WriteNewsAsync(HttpClient client, int campaignId, Dictionary<string, string> texts)
    {
        var saved = await PostFormAsync(client, NewsPath(campaignId), texts);
        return saved.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Saving the news answered {(int)saved.StatusCode}.");
    }

    public static Dictionary<string, string> NewsTexts(string french = "Nouvelles de la campagne", string? english = "News of the campaign") =>
        english is null
            ? new() { ["Subject[fr]"] = french, ["Body[fr]"] = "Merci **à tous** !" }
            : new() { ["Subject[fr]"] = french, ["Body[fr]"] = "Merci **à tous** !", ["Subject[en]"] = english, ["Body[en]"] = "Thank you **all**!" };

    public static async Task<HttpResponseMessage> SendNewsAsync(HttpClient client, string postPath) =>
        await PostFormAsync(client, postPath + "?handler=send", [], postPath);

    /// <summary>Waits until the sending job has queued news to <paramref name="count"/> signers.</summary>
    public async Task WaitForRecipientsAsync(int count)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await WithDbAsync(db => db.News.SumAsync(n => n.RecipientCount)) >= count)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"News did not reach {count} signers in 15 seconds.");
    }
}
