using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class AccentColourTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    // Figures from WebAIM's contrast checker: #777777 is the grey that just fails AA on white, #767676 the one that passes.
    [InlineData("#777777", "#ffffff", 4.48)]
    [InlineData("#767676", "#ffffff", 4.54)]
    [InlineData("#ffffff", "#0000ff", 8.59)]
    [InlineData("#ffffff", "#ff0000", 4.0)]
    public void The_contrast_ratio_follows_WCAG(string foreground, string background, double expected)
    {
        Assert.Equal(expected, AccentColour.ContrastRatio(foreground, background), 2);
        Assert.Equal(expected, AccentColour.ContrastRatio(background, foreground), 2);
    }

    [Theory]
    [InlineData("#7a1f2b", true)]
    [InlineData("#767676", true)]
    [InlineData("#1b4d89", true)]
    [InlineData("#777777", false)]
    [InlineData("#ff0000", false)]
    [InlineData("#ffee00", false)]
    [InlineData("#ffffff", false)]
    public void A_colour_is_readable_with_white_text_from_4_5_to_1(string colour, bool readable) =>
        Assert.Equal(readable, AccentColour.IsReadableWithWhiteText(colour));

    [Theory]
    [InlineData("#1B4D89", "#1b4d89")]
    [InlineData(" #1b4d89 ", "#1b4d89")]
    [InlineData("#1b4d8", null)]
    [InlineData("1b4d89", null)]
    [InlineData("#1b4d8g", null)]
    [InlineData("blue", null)]
    [InlineData("#1b4d89;}body{display:none", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_a_colour_written_rrggbb_is_read(string? value, string? colour) =>
        Assert.Equal(colour, AccentColour.Parse(value));

    [Theory]
    [InlineData("#1b4d89", "#1b4d89")]
    [InlineData("#ffee00", null)]
    [InlineData("red;}", null)]
    [InlineData(null, null)]
    public void Public_pages_use_only_a_well_formed_and_readable_colour(string? stored, string? used) =>
        Assert.Equal(used, AccentColour.ForPublicPages(stored));

    [Fact]
    public void The_style_rule_is_hashed_as_a_content_security_policy_names_it() =>
        // echo -n ':root{--accent:#1b4d89}' | openssl dgst -sha256 -binary | base64
        Assert.Equal("IrClrZpBMSJCPCZpivj0Mu+MrvS93W7XSOQRibSWyO0=", AccentColour.StyleHash(AccentColour.StyleRule("#1b4d89")));

    [Fact]
    public void A_colour_that_is_not_one_has_no_luminance() =>
        Assert.Throws<FormatException>(() => AccentColour.RelativeLuminance("#12"));
}
