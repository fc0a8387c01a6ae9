using System.Xml.Linq;
using Ralliement.Campaigns;
using Ralliement.Kit;
using SkiaSharp;

namespace Ralliement.Tests.Unit;

public sealed class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_badge_is_20_px_high_and_as_wide_as_its_words_measured_in_the_shipped_font_plus_padding()
    {
        var svg = XDocument.Parse(Badge.Draw("Lettre ouverte", "j’ai signé", "#7a1f2b").ToString()).Root!;

        static int Odd(float width) => (int)Math.Ceiling(width) % 2 == 0 ? (int)Math.Ceiling(width) + 1 : (int)Math.Ceiling(width);
        var label = Odd(KitFonts.Shared.Measure("Lettre ouverte", 11));
        var message = Odd(KitFonts.Shared.Measure("j’ai signé", 11));
        Assert.Equal(20, (int)svg.Attribute("height")!);
        Assert.Equal(label + message + 20, (int)svg.Attribute("width")!);
        var texts = svg.Descendants(Svg + "text").ToList();
        Assert.Equal(["Lettre ouverte", "Lettre ouverte", "j’ai signé", "j’ai signé"], texts.Select(t => t.Value));
        Assert.Equal((label * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)texts[1].Attribute("textLength"));
        Assert.Contains(svg.Descendants(Svg + "rect"), r => (string?)r.Attribute("fill") == "#7a1f2b");
    }

    [Fact]
    public void A_control_character_or_a_lone_surrogate_in_a_name_is_left_out_and_the_image_is_still_drawn()
    {
        var badge = Badge.Draw("Lettre\u0019 ouverte\uD800 🙂", "j’ai signé", "#7a1f2b");

        var svg = XDocument.Parse(badge.ToString());
        using var png = SKBitmap.Decode(badge.ToPng());

        Assert.Equal("Lettre ouverte 🙂: j’ai signé", (string?)svg.Root!.Attribute("aria-label"));
        Assert.Equal(badge.Width, png.Width);
    }

    [Fact]
    public void The_PNG_of_a_badge_is_its_SVG_drawn_in_the_shipped_font_and_at_2x_twice_as_large()
    {
        var badge = Badge.Draw("Lettre ouverte", "j’ai signé", "#7a1f2b");

        using var one = SKBitmap.Decode(badge.ToPng());
        using var two = SKBitmap.Decode(badge.ToPng(2));

        Assert.Equal((badge.Width, 20), (one.Width, one.Height));
        Assert.Equal((badge.Width * 2, 40), (two.Width, two.Height));
        // White letters on the grey label: the text was drawn, which it is not when no typeface is found.
        var white = Enumerable.Range(0, one.Width / 2).SelectMany(x => Enumerable.Range(5, 10).Select(y => one.GetPixel(x, y))).Count(c => c.Red > 200 && c.Green > 200 && c.Blue > 200);
        Assert.True(white > 20, $"Only {white} white pixels in the label.");
        Assert.Equal("DejaVu Sans", KitFonts.Shared.Regular.FamilyName);
        Assert.True(KitFonts.Shared.Bold.IsBold);
    }

    [Fact]
    public void A_long_title_wraps_to_at_most_three_lines_the_last_ending_with_an_ellipsis()
    {
        var title = string.Join(' ', Enumerable.Repeat("Objection de conscience", 12));

        var lines = KitFonts.Shared.Wrap(title, 60, bold: true, 1088, maxLines: 3);
        var short_ = KitFonts.Shared.Wrap("Deux mots", 60, bold: true, 1088, maxLines: 3);
        var word = KitFonts.Shared.Wrap(new string('m', 80), 60, bold: true, 1088, maxLines: 3);

        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
        Assert.True(lines[^1].EndsWith("conscience…", StringComparison.Ordinal) || lines[^1].EndsWith("de…", StringComparison.Ordinal)
            || lines[^1].EndsWith("Objection…", StringComparison.Ordinal), $"\"{lines[^1]}\" cuts a word.");
        Assert.All(lines, line => Assert.True(KitFonts.Shared.Measure(line, 60, bold: true) <= 1088, line));
        Assert.Equal(["Deux mots"], short_);
        Assert.True(word.Count > 1 && word.All(line => KitFonts.Shared.Measure(line, 60, bold: true) <= 1088));
        Assert.Equal("Lettre…", KitFonts.Shared.Fit("Lettre ouverte", 11, bold: false, KitFonts.Shared.Measure("Lettre…", 11)));
    }

    [Fact]
    public void Counts_are_grouped_by_thousands_as_each_language_writes_them()
    {
        Assert.Equal("1\u202f234\u202f567", KitWords.Number(1234567, "fr"));
        Assert.Equal("1,234,567", KitWords.Number(1234567, "en"));
        Assert.Equal("999", KitWords.Number(999, "fr"));
    }

    [Fact]
    public void Every_image_name_the_kit_links_to_is_one_it_serves_and_no_other_name_is()
    {
        var links = new KitLinks("", "fr", "demo", "abc");
        var names = new List<string> { links.Badge(false, "svg"), links.Badge(false, "png"), links.Badge(false, "png", 2), links.Badge(true, "svg"),
            links.Badge(true, "png"), links.Badge(true, "png", 2), links.BadgeJson, links.Qr("svg"), links.Qr("png"), links.Thermometer("svg"),
            links.Thermometer("png"), links.Preview };
        foreach (var ratio in new[] { "16x9", "4x3" })
        {
            foreach (var dark in new[] { false, true })
            {
                names.Add(links.Mark(ratio, dark, qr: false, "svg"));
                names.Add(links.Mark(ratio, dark, qr: true, "png"));
            }
        }

        foreach (var name in names.Select(n => n.Split('?')[0].Split('/')[^1]))
        {
            Assert.True(KitFile.Parse(name) is not null, name);
        }
        Assert.Equal(2, KitFile.Parse("badge-count@2x.png")!.Scale);
        Assert.True(KitFile.Parse("mark-4x3-dark-qr.svg") is { Ratio: "4x3", Dark: true, WithQr: true });
        foreach (var name in new[] { "badge@2x.svg", "badge.gif", "mark-1x1-light.png", "qr.json", "preview.svg", "card", "../badge.svg", "Badge.svg" })
        {
            Assert.Null(KitFile.Parse(name));
        }
    }

    [Fact]
    public void The_thermometer_shows_the_count_and_a_bar_as_long_as_the_share_of_the_goal()
    {
        var words = new KitWords
        {
            Title = "Lettre",
            ShortTitle = "Lettre",
            Signed = "j’ai signé",
            Collective = "Collectif",
            Accent = "#7a1f2b",
            CampaignAddress = "https://example.org/fr/c/lettre",
            CampaignAddressShown = "example.org/fr/c/lettre",
            Count = "250",
            CountWords = "signatures confirmées",
            BadgeCount = "250 signatures",
            Goal = "25 % de l’objectif",
        };

        var svg = XDocument.Parse(Thermometer.Draw(words, GoalProgress.Of(250, 1000, null)).ToString()).Root!;

        Assert.Equal(("600", "160"), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "250");
        var bar = svg.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("fill") == "#7a1f2b");
        Assert.Equal(140, double.Parse((string)bar.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
