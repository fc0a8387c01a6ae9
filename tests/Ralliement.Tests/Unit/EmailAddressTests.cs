using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ana@example.org", "ana@example.org", "ana@example.org")]
    [InlineData("  Ana.Lopes@Example.ORG  ", "Ana.Lopes@example.org", "ana.lopes@example.org")]
    [InlineData("ana+petition@example.org", "ana+petition@example.org", "ana+petition@example.org")]
    [InlineData("ana@bücher.example", "ana@bücher.example", "ana@xn--bcher-kva.example")]
    [InlineData("ana@BÜCHER.example", "ana@bücher.example", "ana@xn--bcher-kva.example")]
    [InlineData("josé@exemple.fr", "josé@exemple.fr", "josé@exemple.fr")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("ana@example.org.", "ana@example.org", "ana@example.org")]
    public void A_valid_address_is_normalised_and_keyed(string input, string address, string key)
    {
        Assert.True(EmailAddress.TryParse(input, out var parsed));
        Assert.Equal(address, parsed!.Address);
        Assert.Equal(key, parsed.Key);
    }

    [Fact]
    public void Composed_and_decomposed_accents_are_the_same_address()
    {
        Assert.True(EmailAddress.TryParse("jose\u0301@exemple.fr", out var decomposed));
        Assert.True(EmailAddress.TryParse("jos\u00e9@exemple.fr", out var composed));
        Assert.Equal(composed!.Key, decomposed!.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ana")]
    [InlineData("ana@")]
    [InlineData("@example.org")]
    [InlineData("ana@example")]
    [InlineData("ana@123.456")]
    [InlineData(".ana@example.org")]
    [InlineData("ana.@example.org")]
    [InlineData("an..a@example.org")]
    [InlineData("ana lopes@example.org")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData("\"ana\"@example.org")]
    [InlineData("ana@exa_mple.org")]
    [InlineData("ana@-example.org")]
    [InlineData("ana@example..org")]
    [InlineData("ana@[127.0.0.1]")]
    [InlineData("ana\u202E@example.org")]
    public void An_invalid_address_is_refused(string? input) => Assert.False(EmailAddress.TryParse(input, out _));

    [Fact]
    public void Lengths_follow_RFC_5321()
    {
        Assert.True(EmailAddress.TryParse(new string('a', 64) + "@example.org", out _));
        Assert.False(EmailAddress.TryParse(new string('a', 65) + "@example.org", out _));
        var longDomain = string.Join('.', Enumerable.Repeat(new string('d', 60), 5)) + ".org";
        Assert.False(EmailAddress.TryParse("ana@" + longDomain, out _));
        Assert.False(EmailAddress.TryParse("ana@" + new string('d', 64) + ".org", out _));
    }
}
