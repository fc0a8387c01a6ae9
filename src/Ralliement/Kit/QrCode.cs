using System.Text;
using QRCoder;

namespace Ralliement.Kit;

/// <summary>
/// The QR code of a campaign's address, drawn as one SVG path of whole modules, with QRCoder's quiet
/// zone of four modules around it. Level M (15 % of the code may be lost) suits a printed poster.
/// </summary>
public static class QrCode
{
    /// <summary>The PNG is at least this wide, enough to print a poster's corner sharply.</summary>
    public const int PrintSize = 1024;

    public static KitSvg Draw(string address, string title)
    {
        var modules = Modules(address);
        // Whole pixels per module: the edges stay sharp at 1× and the PNG is at least PrintSize wide.
        var moduleSize = (int)Math.Ceiling(PrintSize / (double)modules.Count);
        var size = moduleSize * modules.Count;
        return new KitSvg(size, size, title)
            .Add($"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>")
            .Add(Path(modules, 0, 0, moduleSize, "#000"));
    }

    /// <summary>Each row of the code, quiet zone included; true for a dark module.</summary>
    public static IReadOnlyList<bool[]> Modules(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToList();
    }

    /// <summary>The dark modules as one path, each run of a row as one rectangle.</summary>
    public static string Path(IReadOnlyList<bool[]> modules, double x, double y, double moduleSize, string fill)
    {
        var d = new StringBuilder();
        for (var row = 0; row < modules.Count; row++)
        {
            var cells = modules[row];
            for (var column = 0; column < cells.Length; column++)
            {
                if (!cells[column])
                {
                    continue;
                }
                var start = column;
                while (column + 1 < cells.Length && cells[column + 1])
                {
                    column++;
                }
                var length = column - start + 1;
                d.Append('M').Append(KitSvg.N(x + (start * moduleSize))).Append(' ').Append(KitSvg.N(y + (row * moduleSize)))
                    .Append('h').Append(KitSvg.N(length * moduleSize)).Append('v').Append(KitSvg.N(moduleSize))
                    .Append('h').Append(KitSvg.N(-length * moduleSize)).Append('z');
            }
        }
        return $"<path fill=\"{fill}\" shape-rendering=\"crispEdges\" d=\"{d}\"/>";
    }
}
