namespace Ralliement.Organisations;

/// <summary>One labelled input of the settings form, with its hint and its error.</summary>
public sealed record SettingsField
{
    /// <summary>The form's property, posted as <c>Form.{Name}</c>.</summary>
    public required string Name { get; init; }
    public required string Label { get; init; }
    public string? Hint { get; init; }
    public string? Value { get; init; }
    /// <summary>The form's messages, of which this field shows its own.</summary>
    public required FormMessages Errors { get; init; }
    public required int MaxLength { get; init; }
    /// <summary>A text area rather than an input.</summary>
    public bool Multiline { get; init; }
    public bool Required { get; init; }
    /// <summary>The input's type: <c>text</c>, <c>email</c>, or <c>number</c> (from 1 to 120).</summary>
    public string Type { get; init; } = "text";

    public string Id => "settings-" + Name.ToLowerInvariant();
    public string? Error => Errors.For(Name);
    public string? DescribedBy => Errors.DescribedBy(Name, Id, Hint is null ? null : Id + "-hint");
}
