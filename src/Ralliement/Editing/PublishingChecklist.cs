namespace Ralliement.Editing;

/// <summary>
/// What a campaign needs before it is published, and what is good to have: the one rule that
/// publishing follows and that the publishing page shows, item by item.
/// </summary>
public static class PublishingChecklist
{
    public enum Status
    {
        Done,
        /// <summary>Missing and needed: publishing is refused until it is done.</summary>
        Missing,
        /// <summary>Not set, and not needed.</summary>
        Optional,
    }

    /// <param name="Key">What is checked: <c>Text</c> (in <paramref name="Language"/>), <c>Contact</c>, <c>Goal</c> or <c>Dates</c>.</param>
    public sealed record Item(string Key, Status Status, string? Language = null);

    /// <param name="contactEmail">The organisation's public contact, which the notices and the emails to signers show.</param>
    public static IReadOnlyList<Item> Of(Campaign campaign, string? contactEmail, DateTime now)
    {
        var items = new List<Item>();
        foreach (var language in LanguagesOf(campaign))
        {
            items.Add(new Item("Text", HasText(campaign, language) ? Status.Done : Status.Missing, language));
        }
        items.Add(new Item("Contact", contactEmail is null ? Status.Missing : Status.Done));
        items.Add(new Item("Goal", campaign.Goal is null ? Status.Optional : Status.Done));
        items.Add(new Item("Dates",
            campaign.ClosesAt <= now ? Status.Missing
            : campaign.OpensAt is null && campaign.ClosesAt is null ? Status.Optional
            : Status.Done));
        return items;
    }

    public static bool IsReady(IEnumerable<Item> items) => items.All(i => i.Status != Status.Missing);

    /// <summary>
    /// The campaign's languages, as its data says: its main language and each it has a text row in.
    /// A campaign written in one language is published in that one.
    /// </summary>
    public static IEnumerable<string> LanguagesOf(Campaign campaign) =>
        campaign.Texts.Select(t => t.Language).Append(campaign.DefaultLanguage).Distinct()
            .OrderBy(l => l == campaign.DefaultLanguage ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal);

    /// <summary>A text is there when its row has a title and a body: a public page never shows an empty text.</summary>
    public static bool HasText(Campaign campaign, string language) =>
        campaign.Texts.FirstOrDefault(t => t.Language == language) is { } text
        && !string.IsNullOrWhiteSpace(text.Title) && !string.IsNullOrWhiteSpace(text.BodyMarkdown);
}
