namespace Ralliement.Organisers;

/// <summary>Names the texts of accounts, members and settings: AccountText.resx (French) and AccountText.en.resx.</summary>
public sealed class AccountText;
