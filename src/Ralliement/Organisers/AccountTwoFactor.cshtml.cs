using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ralliement.Organisers;

/// <summary>
/// Turning two-factor authentication on and off. It is turned on only once the organiser typed a
/// first code, which proves their app holds the key; then ten recovery codes are shown, once.
/// Turning it off asks for the password, so an open session left on a shared computer cannot.
/// </summary>
[Authorize]
public sealed class AccountTwoFactorModel(UserManager<Organiser> users, SignInManager<Organiser> signIn, IStringLocalizer<AccountText> text) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public AuthenticatorSetUp? SetUp { get; private set; }
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Disabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var organiser = await LoadAsync();
        if (!organiser.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(organiser) is null)
        {
            // A new key changes the security stamp: renew the cookie, or the next stamp check would sign the organiser out.
            await users.ResetAuthenticatorKeyAsync(organiser);
            await signIn.RefreshSignInAsync(organiser);
        }
        return await ShowAsync(organiser);
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var organiser = await LoadAsync();
        if (organiser.TwoFactorEnabled)
        {
            return await ShowAsync(organiser);
        }
        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(organiser, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = text["CodeRefused"];
            return await ShowAsync(organiser, StatusCodes.Status422UnprocessableEntity);
        }
        await users.SetTwoFactorEnabledAsync(organiser, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(organiser, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(organiser);
        return await ShowAsync(organiser);
    }

    public async Task<IActionResult> OnPostCodesAsync()
    {
        var organiser = await LoadAsync();
        if (organiser.TwoFactorEnabled)
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(organiser, RecoveryCodeCount) ?? []];
        }
        return await ShowAsync(organiser);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var organiser = await LoadAsync();
        if (Password is not { Length: > 0 and <= 1000 } || !await users.CheckPasswordAsync(organiser, Password))
        {
            Error = text["CurrentPasswordWrong"];
            Password = "";
            return await ShowAsync(organiser, StatusCodes.Status422UnprocessableEntity);
        }
        await users.SetTwoFactorEnabledAsync(organiser, false);
        // The old key must not work if it is turned on again: a new key and new codes come then.
        await users.ResetAuthenticatorKeyAsync(organiser);
        await signIn.RefreshSignInAsync(organiser);
        Disabled = true;
        return await ShowAsync(organiser);
    }

    private async Task<Organiser> LoadAsync()
    {
        return await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in organiser has an account.");
    }

    private async Task<PageResult> ShowAsync(Organiser organiser, int status = StatusCodes.Status200OK)
    {
        Enabled = organiser.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(organiser);
        }
        else if (await users.GetAuthenticatorKeyAsync(organiser) is { } key)
        {
            SetUp = AuthenticatorSetUp.For(key, organiser.Email!);
        }
        Code = "";
        Response.StatusCode = status;
        return Page();
    }
}
