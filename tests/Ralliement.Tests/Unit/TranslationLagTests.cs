using static Ralliement.Editing.CompareTranslations;

namespace Ralliement.Tests.Unit;

public sealed class TranslationLagTests
{
    private static readonly DateTime Noon = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_amendment_leaves_the_other_text_behind_until_it_is_amended_in_turn()
    {
        Text[] texts = [new("fr", 3, Noon.AddHours(2)), new("en", 2, Noon)];
        Change[] frenchTwice = [new(Noon.AddHours(1), "fr", true), new(Noon.AddHours(2), "fr", true)];

        Assert.Equal([new Lag("en", 2, "fr", 3, Noon.AddHours(2))], Compare(texts, frenchTwice));
        Assert.Empty(Compare(texts, [.. frenchTwice, new(Noon.AddHours(3), "en", true)]));
    }

    [Fact]
    public void A_translation_written_after_the_amendment_starts_up_to_date_and_a_later_one_leaves_it_behind()
    {
        Text[] texts = [new("fr", 3, Noon.AddHours(3)), new("en", 1, null)];
        Change[] changes = [new(Noon.AddHours(1), "fr", true), new(Noon.AddHours(2), "en", false)];

        Assert.Empty(Compare(texts, changes));
        Assert.Equal([new Lag("en", 1, "fr", 3, Noon.AddHours(3))], Compare(texts, [.. changes, new(Noon.AddHours(3), "fr", true)]));
    }
}
