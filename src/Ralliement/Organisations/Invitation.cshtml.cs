using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>Where an invitation's link lands: choose a name and password, or accept as the account already signed in.</summary>
public sealed class InvitationModel(AcceptInvitation accept, SignInManager<Organiser> signIn) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public AcceptInvitation.Found? Invitation { get; private set; }
    public FormErrors Errors { get; } = [];

    /// <summary>Whether the visitor is signed in as the invited account; when false and it exists, they must sign in first.</summary>
    public bool SignedInAsInvited => Invitation?.Account is { } account && User.FindFirstValue(ClaimTypes.NameIdentifier) == account.Id;

    public bool SignedInAsSomeoneElse => User.Identity?.IsAuthenticated == true && !SignedInAsInvited;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await accept.FindAsync(token, cancellationToken);
        return Show();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang, string token, CancellationToken cancellationToken)
    {
        Invitation = await accept.FindAsync(token, cancellationToken);
        if (Invitation is null)
        {
            return Show();
        }
        var home = $"/{lang}/organiser/{Invitation.OrganisationSlug}";
        if (Invitation.Account is { } account)
        {
            if (!SignedInAsInvited)
            {
                return Show();
            }
            return await accept.JoinAsync(Invitation, account, cancellationToken) ? Redirect(home) : Used();
        }
        if ((DisplayName?.Length ?? 0) > 200 || (Password?.Length ?? 0) > 1000)
        {
            Errors.Add("", "SetUpTooLong");
        }
        else if (Password != Confirmation)
        {
            Errors.Add("", "PasswordsDiffer");
        }
        else
        {
            var refused = await accept.CreateAccountAndJoinAsync(Invitation, DisplayName, Password ?? "", cancellationToken);
            if (refused is null)
            {
                var organiser = await signIn.UserManager.FindByEmailAsync(Invitation.Email);
                await signIn.SignInAsync(organiser!, isPersistent: false);
                return Redirect(home);
            }
            if (refused.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return Used();
            }
            foreach (var error in refused)
            {
                Errors.Add("", PasswordErrors.Key(error));
            }
        }
        Password = Confirmation = "";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult Show()
    {
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    private PageResult Used()
    {
        Invitation = null;
        return Show();
    }
}
