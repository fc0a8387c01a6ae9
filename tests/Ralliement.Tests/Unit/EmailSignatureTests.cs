using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ralliement.Campaigns;
using Ralliement.Data;
using Ralliement.Kit;

namespace Ralliement.Tests.Unit;

public sealed partial class EmailSignatureTests
{
    private const string Line = "J’ai signé « {0} » : {1}";

    private static ReadCampaign.View Campaign(string slug = "objection", string title = "Objection de conscience", string? shortTitle = null, string? accent = null) => new()
    {
        Id = 1,
        Slug = slug,
        Kind = CampaignKind.Manifesto,
        State = CampaignState.Open,
        Organisation = new ReadCampaign.OrganisationView("Collectif", null, null, 12, AccentColour: accent),
        Language = "fr",
        Title = title,
        Summary = "",
        BodyHtml = "",
        ShortTitle = shortTitle,
        SignatureCount = 0,
        OrganisationCount = 0,
        AcceptsSignatures = true,
        Institution = FieldRule.Optional,
        ProfessionalStatus = FieldRule.Optional,
        Discipline = FieldRule.Optional,
        City = FieldRule.Optional,
        Country = FieldRule.Optional,
        Commitments = [],
        CustomFields = [],
    };

    private static EmailSignature.Block Render(ReadCampaign.View campaign, string baseUrl, string? name, string? role) =>
        EmailSignature.Render(EmailSignature.PartsOf(campaign, KitLinks.For(campaign, baseUrl), name, role, 301, "Objection (j’ai signé)"), Line);

    [Fact]
    public void The_block_stays_under_1_5_KB_with_the_longest_name_role_title_and_address_allowed()
    {
        var campaign = Campaign(slug: new string('s', 80), shortTitle: new string('É', CampaignLimits.ShortTitle), accent: "#7a1f2b");
        var block = Render(campaign, "https://signatures.collectif-pour-une-recherche-sobre.org",
            new string('é', EmailSignature.MaxNameLength), new string('ç', EmailSignature.MaxRoleLength));

        Assert.True(Encoding.UTF8.GetByteCount(block.Html) <= EmailSignature.MaxBytes, $"{Encoding.UTF8.GetByteCount(block.Html)} bytes");
        Assert.True(EmailSignature.Fits(block));
    }

    [Fact]
    public void A_name_made_of_characters_html_escapes_is_caught_by_the_size_check_rather_than_sent_long()
    {
        var campaign = Campaign(slug: new string('s', 80), shortTitle: new string('&', CampaignLimits.ShortTitle));
        var block = Render(campaign, "https://signatures.collectif-pour-une-recherche-sobre.org",
            new string('"', EmailSignature.MaxNameLength), new string('<', EmailSignature.MaxRoleLength));

        Assert.False(EmailSignature.Fits(block));
    }

    [Fact]
    public void Every_image_of_the_block_is_an_absolute_https_address_when_the_site_is_https()
    {
        var block = Render(Campaign(), "https://petitions.example.org", "Ana Lopes", "Maîtresse de conférences");

        var sources = ImageSource().Matches(block.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Single(sources);
        Assert.All(sources, source => Assert.StartsWith("https://petitions.example.org/fr/c/objection/kit/badge.png?v=", source, StringComparison.Ordinal));
        Assert.DoesNotContain("data:", block.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(".svg", block.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_characters_in_the_name_and_the_role_are_escaped_and_the_block_stays_one_well_formed_table()
    {
        var block = Render(Campaign(), "https://petitions.example.org", "Zoé <b>\"Durand\" & Cie", "<script>alert('x')</script>");

        Assert.Contains("Zoé &lt;b&gt;&quot;Durand&quot; &amp; Cie", block.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", block.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", block.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", block.Html, StringComparison.Ordinal);
        // Parsed as XML once its void elements are closed: one table, every tag where it belongs.
        var table = XElement.Parse(VoidElement().Replace(block.Html, "<$1/>"));
        Assert.Equal("table", table.Name.LocalName);
        Assert.Equal("Zoé <b>\"Durand\" & Cie", table.Descendants("strong").Single().Value);
        Assert.Equal("Zoé <b>\"Durand\" & Cie · <script>alert('x')</script>\nJ’ai signé « Objection de conscience » : https://petitions.example.org/fr/c/objection",
            block.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Without_a_name_or_a_role_the_block_is_the_badge_and_the_title_only()
    {
        var block = Render(Campaign(), "https://petitions.example.org", null, null);

        Assert.DoesNotContain("<strong>", block.Html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(block.Html, "<tr>"));
        Assert.Equal("J’ai signé « Objection de conscience » : https://petitions.example.org/fr/c/objection", block.Text);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("  Ana   Lopes ", "", true)]
    [InlineData("Ana\u202ELopes", "", false)]
    public void Name_and_role_are_optional_cleaned_and_refused_with_control_characters(string name, string role, bool accepted)
    {
        var errors = EmailSignature.Check(name, role, out var cleanName, out _);

        Assert.Equal(accepted, !errors.Any);
        if (accepted && name.Trim().Length > 0)
        {
            Assert.Equal("Ana Lopes", cleanName);
        }
    }

    [Fact]
    public void A_name_past_its_limit_is_refused()
    {
        var errors = EmailSignature.Check(new string('a', EmailSignature.MaxNameLength + 1), "", out _, out _);

        Assert.Equal("Name", Assert.Single(errors).Field);
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("<(img [^>]*|br)>")]
    private static partial Regex VoidElement();
}
