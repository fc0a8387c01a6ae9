namespace Ralliement.Signing;

public static class SigningServices
{
    public static void AddSigning(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SigningOptions>(builder.Configuration.GetSection("Signing"));
        builder.Services.AddScoped<SignCampaign>();
        builder.Services.AddScoped<SignerMail>();
        builder.Services.AddScoped<WriteSignatureBatch>();
        builder.Services.AddSingleton<SignatureWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SignatureWriter>());
        builder.Services.AddPeriodicWork<PurgeUnconfirmedSignatures>();
    }
}
