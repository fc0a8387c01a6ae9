using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Ralliement.Shared;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>In tests a missing text resource fails loudly instead of showing its key on a page.</summary>
public sealed class StrictTextsTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void A_key_the_resource_does_not_hold_throws_and_one_it_holds_is_said(string language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var texts = app.Services.GetRequiredService<IStringLocalizer<Text>>();

            var error = Assert.Throws<InvalidOperationException>(() => texts["NoSuchKeyAnywhere"].Value);
            Assert.Contains("NoSuchKeyAnywhere", error.Message, StringComparison.Ordinal);
            Assert.False(texts.Holds("NoSuchKeyAnywhere"));
            Assert.True(texts.Holds("AcceptsNews"));
            Assert.NotEqual("AcceptsNews", texts["AcceptsNews"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
