using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ralliement.Campaigns;

namespace Ralliement.Mail;

/// <summary>
/// An organiser's Markdown as the two parts of an email: the HTML the preview shows
/// (<see cref="CampaignMarkdown"/>, so what was previewed is what is sent), with inline styles because
/// many mail clients drop style sheets, and a plain text read from that same HTML, with links written
/// out and no Markdown marks left.
/// </summary>
public static class MarkdownEmail
{
    public const string Font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

    public const string Ink = "#1a1a1a";

    /// <summary>Dark enough on white for WCAG AA at any size (contrast 8.6:1).</summary>
    public const string LinkColour = "#0b4f8a";

    private static readonly Dictionary<string, string> Styles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p"] = "margin:0 0 16px;",
        ["h1"] = "margin:24px 0 12px;font-size:24px;line-height:1.25;",
        ["h2"] = "margin:24px 0 12px;font-size:20px;line-height:1.3;",
        ["h3"] = "margin:20px 0 8px;font-size:18px;line-height:1.3;",
        ["h4"] = "margin:16px 0 8px;font-size:16px;",
        ["h5"] = "margin:16px 0 8px;font-size:16px;",
        ["h6"] = "margin:16px 0 8px;font-size:16px;",
        ["a"] = $"color:{LinkColour};text-decoration:underline;",
        ["ul"] = "margin:0 0 16px;padding-left:24px;",
        ["ol"] = "margin:0 0 16px;padding-left:24px;",
        ["li"] = "margin:0 0 4px;",
        ["blockquote"] = "margin:0 0 16px;padding:0 0 0 12px;border-left:4px solid #c8c8c8;color:#3d3d3d;",
        ["pre"] = "margin:0 0 16px;padding:12px;background:#f2f2f2;white-space:pre-wrap;word-wrap:break-word;",
        ["code"] = "font-family:Consolas,Menlo,monospace;font-size:14px;",
        ["table"] = "margin:0 0 16px;border-collapse:collapse;",
        ["th"] = "padding:4px 8px;border:1px solid #c8c8c8;text-align:left;",
        ["td"] = "padding:4px 8px;border:1px solid #c8c8c8;",
        ["hr"] = "border:0;border-top:1px solid #c8c8c8;margin:24px 0;",
    };

    private static readonly HashSet<string> BlockNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol", "li", "blockquote", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr",
    };

    public static (string Html, string Text) Render(string markdown)
    {
        var safe = CampaignMarkdown.ToSafeHtml(markdown);
        var body = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{safe}</body></html>").Body!;
        var text = new StringBuilder();
        Write(body, text, listDepth: 0);
        foreach (var element in body.QuerySelectorAll("*"))
        {
            if (Styles.TryGetValue(element.LocalName, out var style))
            {
                // The sanitizer allows style attributes; the organiser's own come after ours and win.
                element.SetAttribute("style", style + (element.GetAttribute("style") ?? ""));
            }
        }
        return (body.InnerHtml, Tidy(text.ToString()));
    }

    /// <summary>Plain text of a node: blocks apart by a blank line, list items marked, links followed by their address.</summary>
    private static void Write(INode node, StringBuilder text, int listDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText piece)
            {
                if (string.IsNullOrWhiteSpace(piece.Data) && node.ChildNodes.OfType<IElement>().Any(e => BlockNames.Contains(e.LocalName)))
                {
                    // The source's line breaks between blocks.
                    continue;
                }
                // Line breaks inside a paragraph's source are spaces once rendered.
                text.Append(piece.Data.Replace('\n', ' '));
                continue;
            }
            if (child is not IElement element)
            {
                continue;
            }
            switch (element.LocalName)
            {
                case "br":
                    text.Append('\n');
                    break;
                case "p" when listDepth > 0:
                    Write(element, text, listDepth);
                    break;
                case "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "div" or "table":
                    Block(text);
                    Write(element, text, listDepth);
                    Block(text);
                    break;
                case "tr":
                    Line(text);
                    Write(element, text, listDepth);
                    break;
                case "th" or "td":
                    if (element.PreviousElementSibling is not null)
                    {
                        text.Append(" | ");
                    }
                    Write(element, text, listDepth);
                    break;
                case "hr":
                    Block(text);
                    text.Append("----");
                    Block(text);
                    break;
                case "pre":
                    Block(text);
                    text.Append(element.TextContent.TrimEnd('\n'));
                    Block(text);
                    break;
                case "blockquote":
                    Block(text);
                    var quoted = new StringBuilder();
                    Write(element, quoted, listDepth);
                    text.Append(string.Join('\n', Tidy(quoted.ToString()).Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l)));
                    Block(text);
                    break;
                case "ul" or "ol":
                    if (listDepth == 0)
                    {
                        Block(text);
                    }
                    var number = element.GetAttribute("start") is { } start && int.TryParse(start, out var first) ? first : 1;
                    foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                    {
                        Line(text);
                        text.Append(new string(' ', listDepth * 3)).Append(element.LocalName == "ol" ? $"{number++}. " : "- ");
                        Write(item, text, listDepth + 1);
                    }
                    if (listDepth == 0)
                    {
                        Block(text);
                    }
                    break;
                case "a":
                    var label = new StringBuilder();
                    Write(element, label, listDepth);
                    var shown = label.ToString().Trim();
                    var href = element.GetAttribute("href");
                    text.Append(shown);
                    if (href is { Length: > 0 } && !SameAddress(shown, href))
                    {
                        text.Append(shown.Length > 0 ? " (" + href + ")" : href);
                    }
                    break;
                default:
                    Write(element, text, listDepth);
                    break;
            }
        }
    }

    /// <summary>An autolink or a bare address already shows where it goes.</summary>
    private static bool SameAddress(string shown, string href) =>
        string.Equals(shown, href, StringComparison.OrdinalIgnoreCase)
        || string.Equals("mailto:" + shown, href, StringComparison.OrdinalIgnoreCase)
        || string.Equals("http://" + shown, href, StringComparison.OrdinalIgnoreCase)
        || string.Equals("https://" + shown, href, StringComparison.OrdinalIgnoreCase);

    private static void Block(StringBuilder text)
    {
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }
    }

    private static void Line(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    /// <summary>No trailing spaces, at most one blank line in a row, none at either end.</summary>
    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank < 2)
            {
                result.Append(line).Append('\n');
            }
        }
        return result.ToString().Trim('\n');
    }
}
