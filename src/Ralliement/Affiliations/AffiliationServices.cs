namespace Ralliement.Affiliations;

/// <summary>Verified affiliations: the institutions a campaign recognises by their members' email domains.</summary>
public static class AffiliationServices
{
    public static void AddAffiliations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadAffiliationRules>();
        builder.Services.AddScoped<RecheckAffiliations>();
        builder.Services.AddScoped<ReadAffiliations>();
        builder.Services.AddScoped<EditAffiliations>();
    }
}
