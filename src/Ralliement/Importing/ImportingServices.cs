namespace Ralliement.Importing;

public static class ImportingServices
{
    public static void AddImporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PrepareImport>();
        builder.Services.AddScoped<ReadImport>();
        builder.Services.AddScoped<ConfirmImport>();
        builder.Services.AddSingleton<PurgeStaleImports>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PurgeStaleImports>());
    }
}
