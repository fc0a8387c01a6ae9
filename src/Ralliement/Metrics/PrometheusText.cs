using System.Globalization;

namespace Ralliement.Metrics;

/// <summary>
/// Reads what a scrape endpoint answers (the Prometheus text format, version 0.0.4): one sample a
/// line, <c>name{label="value",...} value [timestamp]</c>, comments starting with <c>#</c>.
/// Enough for <c>status</c> to read this application's own endpoint; not a general parser.
/// </summary>
public sealed class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples { get; }

    private PrometheusText(IReadOnlyList<Sample> samples) => Samples = samples;

    public static PrometheusText Parse(string text) => new(text.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(ParseLine)
        .OfType<Sample>()
        .ToList());

    /// <summary>The sum of a metric's samples whose labels include the given one (<c>"reason"</c>, <c>"invalid"</c>), or of all of them.</summary>
    public double Sum(string name, string? label = null, string? value = null) => Samples
        .Where(s => s.Name == name && (label is null || s.Labels.GetValueOrDefault(label) == value))
        .Sum(s => s.Value);

    /// <summary>The values a label takes on a metric, in the order first seen.</summary>
    public IEnumerable<string> LabelValues(string name, string label) => Samples
        .Where(s => s.Name == name && s.Labels.ContainsKey(label))
        .Select(s => s.Labels[label])
        .Distinct();

    private static Sample? ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            name = line[..brace];
            var i = brace + 1;
            while (i < line.Length && line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
                {
                    return null;
                }
                var key = line[i..equals].Trim(' ', ',');
                var value = new System.Text.StringBuilder();
                var j = equals + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    // Escapes in label values: \\, \" and \n.
                    if (line[j] == '\\' && j + 1 < line.Length)
                    {
                        j++;
                        value.Append(line[j] == 'n' ? '\n' : line[j]);
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }
                labels[key] = value.ToString();
                i = j + 1;
                while (i < line.Length && line[i] is ',' or ' ')
                {
                    i++;
                }
            }
            rest = i < line.Length ? line[(i + 1)..] : "";
        }
        else if (space > 0)
        {
            name = line[..space];
            rest = line[space..];
        }
        else
        {
            return null;
        }
        var figure = rest.Trim().Split(' ')[0];
        return double.TryParse(figure, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new Sample(name, labels, number)
            : null;
    }
}
