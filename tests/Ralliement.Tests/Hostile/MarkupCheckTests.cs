namespace Ralliement.Tests.Hostile;

/// <summary>The fuzz test's markup check finds injected markup and lets encoded text through.</summary>
public sealed class MarkupCheckTests
{
    [Theory]
    [InlineData("<p><img src=fzx onerror=fzx(2)></p>")]
    [InlineData("<p><script>fzx(1)</script></p>")]
    [InlineData("<input value=\"\" onfocus=fzx(5) autofocus x=\"\">")]
    [InlineData("<a href=\"javascript:fzx(7)\">lien</a>")]
    [InlineData("<p><fzx-tag fzx-attr=1></p>")]
    [InlineData("<b fzx=1>gras</b>")]
    public void Injected_markup_is_found(string html) => Assert.NotEmpty(MarkupCheck.Injections(html));

    [Theory]
    [InlineData("<img class=\"qr\" src=\"data:image/png;base64,AAAANfzXAAAA\" alt=\"QR\">")]
    [InlineData("<p>&lt;img src=fzx onerror=fzx(2)&gt;</p>")]
    [InlineData("<input value=\"&quot; onfocus=fzx(5) autofocus x=&quot;\">")]
    [InlineData("<td>' onmouseover=fzx(4) x='</td>")]
    [InlineData("<textarea>&lt;/textarea&gt;&lt;script&gt;fzx(9)&lt;/script&gt;</textarea>")]
    [InlineData("<a href=\"https://fzx.example\">site</a>")]
    public void Encoded_text_is_not_markup(string html) => Assert.Empty(MarkupCheck.Injections(html));
}
