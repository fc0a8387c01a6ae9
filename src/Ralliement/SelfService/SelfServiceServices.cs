namespace Ralliement.SelfService;

public static class SelfServiceServices
{
    public static void AddSelfService(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestSignatureLink>();
        builder.Services.AddScoped<ReadSignatureRecord>();
        builder.Services.AddScoped<EraseSignature>();
    }
}
