namespace Ralliement.Organisations;

/// <summary>One labelled input of the settings form, with its hint and its error.</summary>
public sealed record SettingsField(
    string Name, string Label, string? Hint, string? Value, IReadOnlyDictionary<string, string> Errors, int MaxLength,
    bool Multiline, bool Required = false, string Type = "text")
{
    public string Id => "settings-" + Name.ToLowerInvariant();
    public string? Error => Errors.GetValueOrDefault(Name);
    public string? DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
