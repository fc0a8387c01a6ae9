namespace Ralliement.Organisers;

/// <summary>Absolute links of the organisers' area put in emails, from the same base as signers' links.</summary>
public static class AccountLinks
{
    public static string SetUp(this PublicLinks links, string language, string organiserId, string token) =>
        $"{links.BaseUrl}/{language}/organiser/set-up?id={Uri.EscapeDataString(organiserId)}&token={Uri.EscapeDataString(token)}";

    public static string Invitation(this PublicLinks links, string language, string token) =>
        $"{links.BaseUrl}/{language}/organiser/invitation/{token}";
}
