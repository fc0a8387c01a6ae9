using System.Collections;
using Microsoft.Extensions.Localization;

namespace Ralliement.Shared;

/// <summary>One thing wrong with a form: its field (the input's name; empty for the whole form), and a resource key with its arguments.</summary>
public sealed record FormError(string Field, string Key, params object[] Arguments);

/// <summary>
/// What was wrong with a posted form, in the order found: at most one problem a field, and any
/// number about the whole form. Resource keys
/// with their arguments rather than messages, turned into the page's language only when shown
/// (<see cref="In"/>): the same checks serve more than one page — a signer's details are checked for
/// the signing form and for each row of a CSV import, whose preview is stored and read later, perhaps
/// in the other language — and a JSON entry point to signing wants stable codes beside its messages.
/// A handler thus never needs the page's language; the page names the resources that hold its keys,
/// and the <c>_FormErrors</c> partial sums the messages up above the form while <c>_FieldError</c>
/// puts each by its field.
/// </summary>
public sealed class FormErrors : IReadOnlyList<FormError>
{
    /// <summary>Shared by every form shown without errors, so it can never be added to.</summary>
    public static readonly FormErrors None = new(readOnly: true);

    private readonly List<FormError> _errors = [];
    private readonly bool _readOnly;

    public FormErrors()
    {
    }

    private FormErrors(bool readOnly) => _readOnly = readOnly;

    public int Count => _errors.Count;

    public FormError this[int index] => _errors[index];

    public bool Any => _errors.Count > 0;

    /// <summary>Says what is wrong; a later problem of the same field replaces the earlier one, where it was.</summary>
    public void Add(FormError error)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("FormErrors.None stays empty.");
        }
        var index = error.Field.Length == 0 ? -1 : _errors.FindIndex(e => e.Field == error.Field);
        if (index < 0)
        {
            _errors.Add(error);
        }
        else
        {
            _errors[index] = error;
        }
    }

    public void Add(string field, string key, params object[] arguments) => Add(new FormError(field, key, arguments));

    public FormError? For(string field) => _errors.Find(e => e.Field == field);

    /// <summary>
    /// The messages in the page's language: each key is looked up in <paramref name="resources"/> in
    /// turn, and the first that holds it says it (the signing form's keys live in the shared texts and
    /// the anti-abuse ones, for instance).
    /// </summary>
    public FormMessages In(params ReadOnlySpan<IStringLocalizer> resources)
    {
        if (_errors.Count == 0)
        {
            return FormMessages.None;
        }
        var messages = new FormMessages.Message[_errors.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new FormMessages.Message(_errors[i].Field, Say(_errors[i], resources));
        }
        return new FormMessages(messages);
    }

    private static string Say(FormError error, ReadOnlySpan<IStringLocalizer> resources)
    {
        foreach (var resource in resources)
        {
            if (resource.Holds(error.Key))
            {
                // Without arguments the text is not a format: a brace in it stays as written.
                return error.Arguments.Length == 0 ? resource[error.Key] : resource[error.Key, error.Arguments];
            }
        }
        return error.Key;
    }

    public IEnumerator<FormError> GetEnumerator() => _errors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A refused form's messages in the page's language, by field: what its page shows through the two partials.</summary>
public sealed class FormMessages(IReadOnlyList<FormMessages.Message> messages)
{
    public static readonly FormMessages None = new([]);

    public sealed record Message(string Field, string Text);

    public IReadOnlyList<Message> All => messages;

    public bool Any => messages.Count > 0;

    // A loop, not LINQ: asked of every field each time a form is rendered, refused or not.
    public string? For(string field)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Field == field)
            {
                return messages[i].Text;
            }
        }
        return null;
    }

    /// <summary>The summary above the form: a heading, then each message once.</summary>
    public ErrorSummary Summary(string? heading) => Any ? ErrorSummary.Of(heading, messages.Select(m => m.Text)) : ErrorSummary.None;

    /// <summary>
    /// The summary the public forms show: a title naming it, then each message as a link to its
    /// field's input (<paramref name="inputId"/>), worded by <paramref name="say"/> if given.
    /// </summary>
    public ErrorSummary LinkedSummary(string title, Func<string, string> inputId, Func<Message, string>? say = null) =>
        new(null, [.. messages.Select(m => new ErrorSummary.Line(say?.Invoke(m) ?? m.Text, m.Field.Length > 0 ? inputId(m.Field) : null))]) { Title = title };

    /// <summary>The message by one field; <paramref name="id"/> is its input's id.</summary>
    public FieldMessage Field(string field, string id) => new(id, For(field));

    /// <summary>What an input names in <c>aria-describedby</c>: its hint, if it has one, and its message when refused.</summary>
    public string? DescribedBy(string field, string id, string? hintId = null)
    {
        var errorId = For(field) is null ? null : id + "-error";
        return hintId is null ? errorId : errorId is null ? hintId : hintId + " " + errorId;
    }

    /// <summary>The value of <c>aria-invalid</c>: said only of a refused field.</summary>
    public string? Invalid(string field) => For(field) is null ? null : "true";
}

/// <summary>
/// What the <c>_FormErrors</c> partial shows above a form: nothing when it has nothing to say. A
/// <see cref="Title"/> becomes a heading that names the summary for assistive technology, and a line
/// with a <see cref="Line.Target"/> links to its input, so the summary is also a way to each field.
/// </summary>
public sealed record ErrorSummary(string? Heading, IReadOnlyList<ErrorSummary.Line> Lines)
{
    public static readonly ErrorSummary None = new(null, []);

    /// <param name="Target">The id of the input the line is about; null for the whole form.</param>
    public sealed record Line(string Message, string? Target = null);

    public string? Title { get; init; }

    public bool IsEmpty => Title is null && Heading is null && Lines.Count == 0;

    /// <summary>One message about the whole form.</summary>
    public static ErrorSummary Of(string message) => new(message, []);

    /// <summary>A heading, then each message once, linking nowhere.</summary>
    public static ErrorSummary Of(string? heading, IEnumerable<string> messages) =>
        new(heading, [.. messages.Distinct().Select(m => new Line(m))]);
}

/// <summary>What the <c>_FieldError</c> partial shows by a field: nothing when it was not refused.</summary>
public sealed record FieldMessage(string Id, string? Message);
