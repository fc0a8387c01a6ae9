namespace Ralliement.News;

/// <summary>
/// Names the news pages' and emails' text resources: NewsWording.resx (French) and NewsWording.en.resx.
/// Not "NewsText", which is the stored text of a post.
/// </summary>
public sealed class NewsWording;
