using Ralliement.Organisers;

namespace Ralliement.Tests.Unit;

public sealed class CommonPasswordsTests
{
    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("Password2026!")]
    [InlineData("azertyazerty")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("  1q2w3e4r5t6y ")]
    public void Leaked_or_trivially_derived_passwords_are_common(string password) =>
        Assert.True(CommonPasswords.IsCommon(password));

    [Theory]
    [InlineData("le chat dort sur le toit")]
    [InlineData("vélo-orange-marée-1987")]
    public void A_phrase_of_its_own_is_not(string password) =>
        Assert.False(CommonPasswords.IsCommon(password));

    [Fact]
    public void The_organisers_own_address_is_refused() =>
        Assert.True(CommonPasswords.IsCommon("alice.martin2026", new Ralliement.Data.Organiser { Email = "alice.martin@example.org" }));
}
