namespace Ralliement.Moderation;

public static class ModerationServices
{
    public static void AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModerateSignatures>();
        builder.Services.AddScoped<MarkSpamWave>();
        builder.Services.AddScoped<ReadModerationQueue>();
        builder.Services.AddScoped<ReadAuditEntries>();
        builder.Services.AddScoped<ReadSignatureDetail>();
    }
}
