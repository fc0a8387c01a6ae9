using Ralliement.Shared;

namespace Ralliement.Organisations;

/// <summary>One labelled input of the settings form, with its hint and its error.</summary>
public sealed record SettingsField(
    string Name, string Label, string? Hint, string? Value, FormMessages Errors, int MaxLength,
    bool Multiline, bool Required = false, string Type = "text")
{
    public string Id => "settings-" + Name.ToLowerInvariant();
    public string? Error => Errors.For(Name);
    public string? DescribedBy => Errors.DescribedBy(Name, Id, Hint is null ? null : Id + "-hint");
}
