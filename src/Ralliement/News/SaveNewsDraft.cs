using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>Creates a news post as a draft, or rewrites a draft; a post being sent or sent does not change.</summary>
public sealed class SaveNewsDraft(RalliementDb db, Audit audit, TimeProvider clock)
{
    public sealed record Result(int? NewsId, FormErrors Errors, bool NotADraft = false);

    public async Task<Result> HandleAsync(OrganisationContext organisation, NewsCampaign campaign, int? newsId, NewsForm form, CancellationToken cancellationToken)
    {
        var errors = form.Check(campaign.DefaultLanguage);
        if (errors.Any)
        {
            return new Result(null, errors);
        }
        NewsPost? post;
        if (newsId is null)
        {
            post = new NewsPost { CampaignId = campaign.Id, State = NewsState.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = organisation.OrganiserId };
            db.News.Add(post);
        }
        else
        {
            post = await db.News.Include(n => n.Texts).FirstOrDefaultAsync(n => n.Id == newsId && n.CampaignId == campaign.Id, cancellationToken);
            if (post is null || post.State != NewsState.Draft)
            {
                return new Result(null, FormErrors.None, NotADraft: true);
            }
        }
        post.PublishedInFeed = form.Publish;
        var texts = form.Texts().ToList();
        post.Texts.RemoveAll(existing => !texts.Any(t => t.Language == existing.Language));
        foreach (var (language, subject, body) in texts)
        {
            // Updated in place: a text removed and added again under the same key would clash in the change tracker.
            if (post.Texts.FirstOrDefault(t => t.Language == language) is { } text)
            {
                text.Subject = subject;
                text.BodyMarkdown = body;
            }
            else
            {
                post.Texts.Add(new NewsText { Language = language, Subject = subject, BodyMarkdown = body });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(organisation, "news.save", $"news:{post.Id}", $"campaign:{campaign.Id} languages={string.Join(',', post.Texts.Select(t => t.Language))} public={post.PublishedInFeed}");
        await db.SaveChangesAsync(cancellationToken);
        return new Result(post.Id, FormErrors.None);
    }
}
