namespace Ralliement.Editing;

/// <summary>The campaign editor: creating, writing, translating, configuring and publishing campaigns.</summary>
public static class EditingServices
{
    public static void AddEditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CreateCampaign>();
        builder.Services.AddScoped<ReadCampaignOverview>();
        builder.Services.AddScoped<ReadCampaignSettings>();
        builder.Services.AddScoped<ChangeCampaignSettings>();
        builder.Services.AddScoped<EditCustomFields>();
        builder.Services.AddScoped<EditCommitments>();
        builder.Services.AddScoped<EditCampaignText>();
        builder.Services.AddScoped<CompareTranslations>();
        builder.Services.AddScoped<ChangeCampaignState>();
        builder.Services.AddScoped<UploadCampaignLogo>();
        builder.Services.AddScoped<EditKit>();
    }

    public static void MapEditing(this WebApplication app) => app.MapCampaignLogo();
}
