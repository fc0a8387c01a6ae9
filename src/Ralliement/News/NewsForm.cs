namespace Ralliement.News;

/// <summary>What an organiser types for a news post: a subject and a Markdown body in each language.</summary>
public sealed class NewsForm
{
    public const int MaxSubject = 300;
    public const int MaxBody = 100_000;

    public Dictionary<string, string?> Subject { get; set; } = [];
    public Dictionary<string, string?> Body { get; set; } = [];

    /// <summary>Whether, once sent, it is also shown on the campaign's public news page and feeds; ticked for a new post.</summary>
    public bool Publish { get; set; } = true;

    /// <summary>Reads <c>Subject[fr]</c>, <c>Body[en]</c>… from the posted form.</summary>
    public static NewsForm From(IFormCollection posted)
    {
        // An unticked box is not posted at all.
        var form = new NewsForm { Publish = posted["Publish"] == "true" };
        foreach (var language in Languages.Supported)
        {
            form.Subject[language] = posted[$"Subject[{language}]"].FirstOrDefault();
            form.Body[language] = posted[$"Body[{language}]"].FirstOrDefault();
        }
        return form;
    }

    public string? SubjectIn(string language) => Subject.GetValueOrDefault(language);
    public string? BodyIn(string language) => Body.GetValueOrDefault(language);

    /// <summary>
    /// The campaign's default language must be written: it is what every signer without a text in their
    /// own language reads. Another language is all or nothing, so nobody gets a subject without a body.
    /// </summary>
    public FormErrors Check(string defaultLanguage)
    {
        var errors = new FormErrors();
        foreach (var language in Languages.Supported)
        {
            var subject = TypedText.Normalise(SubjectIn(language));
            var body = BodyIn(language);
            var hasBody = !string.IsNullOrWhiteSpace(body);
            if (language != defaultLanguage && subject is null && !hasBody)
            {
                continue;
            }
            if (subject is null)
            {
                errors.Add($"Subject[{language}]", "Required");
            }
            else if (subject.Length > MaxSubject)
            {
                errors.Add($"Subject[{language}]", "TooLong", MaxSubject);
            }
            else if (TypedText.HasForbiddenCharacters(subject))
            {
                errors.Add($"Subject[{language}]", "ForbiddenCharacters");
            }
            if (!hasBody)
            {
                errors.Add($"Body[{language}]", "Required");
            }
            else if (body!.Length > MaxBody)
            {
                errors.Add($"Body[{language}]", "TooLong", MaxBody);
            }
        }
        return errors;
    }

    /// <summary>The languages written, with their subject and body, once checked.</summary>
    public IEnumerable<(string Language, string Subject, string Body)> Texts() =>
        Languages.Supported
            .Where(l => TypedText.Normalise(SubjectIn(l)) is not null)
            .Select(l => (l, TypedText.Normalise(SubjectIn(l))!, BodyIn(l)!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()));
}

/// <summary>The news form as shown: what was typed, what was refused, and the language that must be written.</summary>
public sealed record NewsFormView(NewsForm Form, FormErrors Errors, string DefaultLanguage);
