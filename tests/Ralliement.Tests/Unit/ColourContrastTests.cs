using Ralliement.Organisations;

namespace Ralliement.Tests.Unit;

public sealed class ColourContrastTests
{
    [Theory]
    [InlineData(0, 0, 0, 21.0)]
    [InlineData(255, 255, 255, 1.0)]
    // Figures from WebAIM's contrast checker, white text on each colour.
    [InlineData(0x76, 0x76, 0x76, 4.54)]
    [InlineData(0x77, 0x77, 0x77, 4.48)]
    [InlineData(0x1d, 0x4e, 0xd8, 6.70)]
    [InlineData(0xff, 0x00, 0x00, 4.00)]
    public void White_on_a_colour_has_the_WCAG_contrast_ratio(byte red, byte green, byte blue, double ratio)
    {
        Assert.Equal(ratio, ColourContrast.OfWhiteOn(red, green, blue), precision: 2);
    }

    [Theory]
    [InlineData("#767676", true)]
    [InlineData("#777777", false)]
    [InlineData("#1D4ED8", true)]
    [InlineData("#ffcc00", false)]
    [InlineData("#000000", true)]
    public void White_text_is_readable_only_from_four_and_a_half_to_one(string colour, bool readable)
    {
        var (red, green, blue) = ColourContrast.Parse(colour)!.Value;
        Assert.Equal(readable, ColourContrast.WhiteTextReadableOn(red, green, blue));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#fff")]
    [InlineData("1d4ed8")]
    [InlineData("#1d4ed8 ")]
    [InlineData("#1d4eg8")]
    [InlineData("#+1d4ed")]
    [InlineData("red")]
    public void Only_six_hexadecimal_digits_after_a_hash_are_a_colour(string? colour)
    {
        Assert.Null(ColourContrast.Parse(colour));
    }
}
