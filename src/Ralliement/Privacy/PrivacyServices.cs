namespace Ralliement.Privacy;

public static class PrivacyServices
{
    /// <summary>The keys and the sealing of addresses: everything that reads or writes a signer's address needs them.</summary>
    public static void AddAddressProtection(this WebApplicationBuilder builder)
    {
        var keys = PrivacyKeys.Load(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<AddressProtection>();
    }

    /// <summary>The site's privacy jobs.</summary>
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddPeriodicWork<ResealAddresses>();
    }
}
