namespace Ralliement.Importing;

public static class ImportingServices
{
    public static void AddImporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PrepareImport>();
        builder.Services.AddScoped<ReadImport>();
        builder.Services.AddScoped<ConfirmImport>();
        builder.Services.AddPeriodicWork<PurgeStaleImports>();
    }
}
