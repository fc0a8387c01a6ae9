using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Unit;

/// <summary>
/// The rules of the written word, checked over every resource file so that a new text keeps them:
/// French typography (a narrow no-break space before <c>: ; ! ?</c> and inside « », the apostrophe ’)
/// and counts written with singular and plural texts, never "signature(s)".
/// </summary>
public sealed partial class WordingTests
{
    private const char Narrow = '\u202f';

    public static TheoryData<string> FrenchFiles() =>
        [.. Files().Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(RalliementProcess.ContentRoot, f))];

    [Theory]
    [MemberData(nameof(FrenchFiles))]
    public void French_texts_put_a_narrow_no_break_space_before_high_punctuation_and_inside_guillemets(string file)
    {
        var wrong = new List<string>();
        foreach (var (name, value) in Values(Path.Combine(RalliementProcess.ContentRoot, file)))
        {
            foreach (Match mark in HighPunctuation().Matches(value))
            {
                var i = mark.Index;
                if (i > 0 && value[i - 1] == Narrow || IsNotProse(value, i))
                {
                    continue;
                }
                wrong.Add($"{name}: “{Around(value, i)}” needs U+202F before {mark.Value}");
            }
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '«' && (i + 1 == value.Length || value[i + 1] != Narrow)
                    || value[i] == '»' && (i == 0 || value[i - 1] != Narrow))
                {
                    wrong.Add($"{name}: “{Around(value, i)}” needs U+202F inside « »");
                }
            }
            if (value.Contains('\'', StringComparison.Ordinal))
            {
                wrong.Add($"{name}: a straight apostrophe, write ’");
            }
        }
        Assert.True(wrong.Count == 0, file + ":\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void English_texts_use_curly_apostrophes_and_quotes()
    {
        var wrong = Files().Where(f => f.EndsWith(".en.resx", StringComparison.Ordinal))
            .SelectMany(f => Values(f).Where(v => v.Value.Contains('\'', StringComparison.Ordinal) || v.Value.Contains('"', StringComparison.Ordinal))
                .Select(v => $"{Path.GetFileName(f)} {v.Name}: {v.Value}"))
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void No_text_hedges_a_plural_with_parentheses()
    {
        var wrong = Files()
            .SelectMany(f => Values(f).Where(v => HedgedPlural().IsMatch(v.Value)).Select(v => $"{Path.GetFileName(f)} {v.Name}: {v.Value}"))
            .ToList();

        Assert.True(wrong.Count == 0, "Use Languages.CountKey with …Singular and …Plural texts:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_singular_text_has_its_plural_in_both_languages()
    {
        var missing = new List<string>();
        foreach (var file in Files())
        {
            var names = Values(file).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(names.Where(n => n.EndsWith("Singular", StringComparison.Ordinal) && !names.Contains(n[..^"Singular".Length] + "Plural"))
                .Select(n => $"{Path.GetFileName(file)} {n}"));
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Theory]
    [InlineData("fr", 0, "Signature" + "Singular")]
    [InlineData("fr", 1, "Signature" + "Singular")]
    [InlineData("fr", 2, "Signature" + "Plural")]
    [InlineData("en", 0, "Signature" + "Plural")]
    [InlineData("en", 1, "Signature" + "Singular")]
    [InlineData("en", 2, "Signature" + "Plural")]
    public void French_puts_zero_in_the_singular_and_English_in_the_plural(string language, int count, string key)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
            Assert.Equal(key, Ralliement.Shared.Languages.CountKey("Signature", count));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>An address (<c>https://</c>), a time (<c>12:30</c>) or a placeholder's format (<c>{0:N0}</c>) is not a sentence.</summary>
    private static bool IsNotProse(string value, int i) =>
        value[i] == ':' && (value.AsSpan(i).StartsWith("://", StringComparison.Ordinal)
            || i > 0 && char.IsAsciiDigit(value[i - 1]) && i + 1 < value.Length && char.IsAsciiDigit(value[i + 1])
            || value.LastIndexOf('{', i) > value.LastIndexOf('}', i));

    private static string Around(string value, int i) => value.Substring(Math.Max(0, i - 20), Math.Min(value.Length, i + 10) - Math.Max(0, i - 20));

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(RalliementProcess.ContentRoot, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<(string Name, string Value)> Values(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""));

    [GeneratedRegex("[:;!?]")]
    private static partial Regex HighPunctuation();

    [GeneratedRegex(@"\((s|es|e|x)\)", RegexOptions.IgnoreCase)]
    private static partial Regex HedgedPlural();
}
