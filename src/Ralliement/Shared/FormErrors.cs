namespace Ralliement.Shared;

/// <summary>
/// A refused form's messages in the page's language, keyed by field name. Every form shows them the
/// same way: the <c>_FormErrors</c> partial sums them up above the form (<see cref="Summary"/>), and
/// <c>_FieldError</c> puts each by its field (<see cref="Field"/>), where the input names it in
/// <c>aria-describedby</c> (<see cref="DescribedBy"/>).
/// </summary>
public sealed class FormErrors : Dictionary<string, string>
{
    public static readonly FormErrors None = [];

    public bool Any => Count > 0;

    public string? For(string field) => TryGetValue(field, out var message) ? message : null;

    /// <summary>The summary above the form: a heading, then each message once.</summary>
    public ErrorSummary Summary(string? heading) => new(heading, [.. Values.Distinct()]);

    /// <summary>The message by one field; <paramref name="id"/> is its input's id.</summary>
    public FieldMessage Field(string field, string id) => new(id, For(field));

    /// <summary>What an input names in <c>aria-describedby</c>: its hint, if it has one, and its message when refused.</summary>
    public string? DescribedBy(string field, string id, string? hintId = null) =>
        string.Join(' ', new[] { hintId, For(field) is null ? null : id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}

/// <summary>What the <c>_FormErrors</c> partial shows: nothing when there is no message.</summary>
public sealed record ErrorSummary(string? Heading, IReadOnlyList<string> Messages);

/// <summary>What the <c>_FieldError</c> partial shows by a field: nothing when it was not refused.</summary>
public sealed record FieldMessage(string Id, string? Message);
