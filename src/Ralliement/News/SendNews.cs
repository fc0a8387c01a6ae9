using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ralliement.Mail;

namespace Ralliement.News;

/// <summary>
/// Queues the emails of news posts being sent, one batch of <see cref="NewsOptions.BatchSize"/> per post
/// every <see cref="NewsOptions.BatchInterval"/>. Each batch is one transaction holding its outbox emails
/// and the post's progress (the last signature written to), so after a crash or a restart sending resumes
/// with the next signer, and nobody gets the same post twice.
/// </summary>
public sealed partial class SendNews(
    IServiceScopeFactory scopes,
    Outbox outbox,
    TimeProvider clock,
    IOptions<NewsOptions> options,
    IConfiguration configuration,
    IServer server,
    ILogger<SendNews> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the sender when an organiser presses "Send", rather than at the next poll.</summary>
    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queued = await SendBatchesAsync(stoppingToken);
                if (queued > 0)
                {
                    await Task.Delay(options.Value.BatchInterval, clock, stoppingToken);
                }
                else
                {
                    await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever fails (a database restarting, a post whose campaign went), the site goes on and
            // sending is tried again: progress is in the database, so nothing is sent twice.
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Queues one batch for every post being sent; returns how many emails were queued.</summary>
    public async Task<int> SendBatchesAsync(CancellationToken cancellationToken)
    {
        List<int> sending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
            sending = await db.News.Where(n => n.State == NewsState.Sending).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(cancellationToken);
        }
        var queued = 0;
        foreach (var id in sending)
        {
            queued += await SendBatchAsync(id, cancellationToken);
        }
        return queued;
    }

    /// <summary>Queues the next batch of one post, and marks it sent when no signer is left; returns how many emails were queued.</summary>
    public async Task<int> SendBatchAsync(int newsId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RalliementDb>();
        var post = await db.News.AsNoTracking().Include(n => n.Texts)
            .FirstOrDefaultAsync(n => n.Id == newsId && n.State == NewsState.Sending, cancellationToken);
        if (post is null)
        {
            return 0;
        }
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == post.CampaignId)
            .Select(c => new NewsMail.Campaign(c.Slug, c.DefaultLanguage, c.Organisation.Name, c.Organisation.AccentColour,
                c.Texts.Select(t => new KeyValuePair<string, string>(t.Language, t.Title)).ToList()))
            .SingleAsync(cancellationToken);
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var recipients = await NewsCampaign.Recipients(db, post.CampaignId)
            .Where(s => s.Id > post.LastSignatureId)
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .Select(s => new NewsMail.Recipient(s.Id, s.SealedEmail!, s.Language))
            .ToListAsync(cancellationToken);

        var mail = new NewsMail(
            services.GetRequiredService<IStringLocalizer<NewsWording>>(),
            services.GetRequiredService<UnsubscribeTokens>(),
            new PublicLinks(BaseUrl()));
        foreach (var recipient in recipients)
        {
            var email = mail.Write(post, campaign, recipient);
            outbox.AddNews(db, recipient.SealedEmail, email.Subject, email.Text, email.Html, email.UnsubscribeUrl!);
        }
        var last = recipients.Count > 0 ? recipients[^1].SignatureId : post.LastSignatureId;
        var count = recipients.Count;
        var done = count < batchSize;
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? sentAt = done ? now : null;
        var state = done ? NewsState.Sent : NewsState.Sending;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on the progress read above: if another node queued this batch meanwhile, this
        // one changes nothing and its emails are rolled back with it.
        var advanced = await db.News
            .Where(n => n.Id == newsId && n.State == NewsState.Sending && n.LastSignatureId == post.LastSignatureId)
            .ExecuteUpdateAsync(n => n
                .SetProperty(x => x.LastSignatureId, last)
                .SetProperty(x => x.RecipientCount, x => x.RecipientCount + count)
                .SetProperty(x => x.State, state)
                .SetProperty(x => x.SentAt, sentAt), cancellationToken);
        if (advanced == 0)
        {
            return 0;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (done && post.PublishedInFeed)
        {
            // Now sent, it joins the campaign's public news page and feeds.
            await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        outbox.Notify();
        LogBatch(logger, newsId, count, done);
        return count;
    }

    /// <summary>
    /// Links in news are built without a request: from <c>PublicBaseUrl</c>, which production sets, or
    /// else from the address this server listens on (right on a laptop, not behind a proxy). The news
    /// page tells organisers which one their emails will carry.
    /// </summary>
    public string BaseUrl() => BaseUrl(configuration, server);

    public static string BaseUrl(IConfiguration configuration, IServer server)
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "News {NewsId}: queued {Count} emails (finished: {Done})")]
    private static partial void LogBatch(ILogger logger, int newsId, int count, bool done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending news failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
