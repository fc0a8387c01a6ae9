using Microsoft.Extensions.DependencyInjection;
using Ralliement.Privacy;
using Ralliement.Shared;

namespace Ralliement.Tests.Support;

/// <summary>Addresses as the app stores them: tests find a signer by the keyed hash, as the app does.</summary>
public partial class RalliementApp
{
    public AddressProtection Addresses => Services.GetRequiredService<AddressProtection>();

    public string KeyOf(string email) => Addresses.Key(EmailAddress.Parse(email));

    public string Seal(string email) => Addresses.Seal(email);
}
