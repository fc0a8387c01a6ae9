using System.Resources;
using Ralliement.Signing;

namespace Ralliement.Tests.Unit;

public sealed class ConsentWordingTests
{
    /// <summary>
    /// Each signature records which wording its signer agreed to: if the texts of the consents change,
    /// <see cref="ConsentWording.Current"/> must name a new version, and this hash be updated with it.
    /// </summary>
    [Fact]
    public void The_consents_wording_has_not_changed_without_a_new_version()
    {
        var resources = new ResourceManager("Ralliement.Shared.Text", typeof(ConsentWording).Assembly);

        var hash = ConsentWording.HashOf((name, culture) => resources.GetString(name, culture) ?? throw new InvalidOperationException(name));

        Assert.True(hash == ConsentWording.Hash,
            $"The consents' wording changed: give ConsentWording.Current a new version and set its Hash to {hash}.");
    }
}
