using System.Text.RegularExpressions;

namespace Ralliement.Kit;

/// <summary>One of the kit's image files, read from its name as <see cref="KitLinks"/> writes it.</summary>
public sealed partial record KitFile(KitFile.Kinds Kind, string Format, int Scale = 1, string Ratio = "", bool Dark = false, bool WithQr = false)
{
    public enum Kinds { Badge, BadgeCount, BadgeJson, Qr, Mark, Thermometer, Preview }

    /// <summary>Drawn with the count: kept 5 minutes, never a year, whatever its <c>?v=</c>.</summary>
    public bool ShowsCount => Kind is Kinds.BadgeCount or Kinds.BadgeJson or Kinds.Thermometer or Kinds.Preview;

    public bool NeedsLogo => Kind is Kinds.Mark or Kinds.Preview;

    public string ContentType => Format switch
    {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The file by that name, or null when the kit has none.</summary>
    public static KitFile? Parse(string name)
    {
        if (name == "badge.json")
        {
            return new KitFile(Kinds.BadgeJson, "json");
        }
        if (name == "preview.png")
        {
            return new KitFile(Kinds.Preview, "png");
        }
        if (BadgeName().Match(name) is { Success: true } badge)
        {
            var kind = badge.Groups["count"].Success ? Kinds.BadgeCount : Kinds.Badge;
            var format = badge.Groups["format"].Value;
            var twice = badge.Groups["twice"].Success;
            return twice && format == "svg" ? null : new KitFile(kind, format, twice ? 2 : 1);
        }
        if (SimpleName().Match(name) is { Success: true } simple)
        {
            return new KitFile(simple.Groups["kind"].Value == "qr" ? Kinds.Qr : Kinds.Thermometer, simple.Groups["format"].Value);
        }
        if (MarkName().Match(name) is { Success: true } mark)
        {
            return new KitFile(Kinds.Mark, mark.Groups["format"].Value, Ratio: mark.Groups["ratio"].Value,
                Dark: mark.Groups["theme"].Value == "dark", WithQr: mark.Groups["qr"].Success);
        }
        return null;
    }

    [GeneratedRegex(@"^badge(?<count>-count)?(?<twice>@2x)?\.(?<format>svg|png)$")]
    private static partial Regex BadgeName();

    [GeneratedRegex(@"^(?<kind>qr|thermometer)\.(?<format>svg|png)$")]
    private static partial Regex SimpleName();

    [GeneratedRegex(@"^mark-(?<ratio>16x9|4x3)-(?<theme>light|dark)(?<qr>-qr)?\.(?<format>svg|png)$")]
    private static partial Regex MarkName();
}
