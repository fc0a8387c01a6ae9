namespace Ralliement.News;

public static class NewsServices
{
    public static void AddNews(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<NewsOptions>(builder.Configuration.GetSection("News"));
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddScoped<UnsubscribeFromNews>();
        builder.Services.AddScoped<StopNews>();
        builder.Services.AddScoped<ReadNews>();
        builder.Services.AddScoped<SaveNewsDraft>();
        builder.Services.AddScoped<StartSendingNews>();
        builder.Services.AddScoped<SendTestNews>();
        builder.Services.AddScoped<PublishNews>();
        builder.Services.AddScoped<ReadPublicNews>();
        builder.Services.AddSingleton<SendNews>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SendNews>());
    }
}
