using Microsoft.Extensions.Localization;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>An organisation's members with their role, and its pending invitations; owners change them here.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ManageMembers)]
public sealed class MembersModel(ReadMembers read, ChangeMembers members, InviteMember invite, IConfiguration configuration, IStringLocalizer<AccountText> text) : OrganisationPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public OrganisationRole Role { get; set; } = OrganisationRole.Editor;

    public IReadOnlyList<ReadMembers.Member> Members { get; private set; } = [];
    public IReadOnlyList<ReadMembers.Pending> Invitations { get; private set; } = [];
    public string? Error { get; private set; }
    public string? InviteError { get; private set; }
    public string? Done { get; private set; }
    /// <summary>The member whose removal waits for a second click, on a page of its own.</summary>
    public ReadMembers.Member? Removing { get; private set; }
    /// <summary>The invitation whose withdrawal waits for a second click.</summary>
    public ReadMembers.Pending? Revoking { get; private set; }

    /// <param name="remove">Asks to confirm the removal of this member.</param>
    /// <param name="revoke">Asks to confirm the withdrawal of this invitation.</param>
    public async Task<IActionResult> OnGetAsync(string? done, string? remove, int? revoke, CancellationToken cancellationToken)
    {
        Done = done is "invited" or "role" or "removed" or "revoked" ? done : null;
        await ShowAsync(StatusCodes.Status200OK, cancellationToken);
        if (remove is not null)
        {
            Removing = Members.FirstOrDefault(m => m.Id == remove);
            return Removing is null ? NotFound() : Page();
        }
        if (revoke is not null)
        {
            Revoking = Invitations.FirstOrDefault(i => i.Id == revoke);
            return Revoking is null ? NotFound() : Page();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync([FromRoute] string lang, CancellationToken cancellationToken)
    {
        InviteError = !Enum.IsDefined(Role) || Email is null || Email.Length > SignerLimits.Email
            ? text["InviteEmailInvalid"]
            : await invite.HandleAsync(Organisation, Email, Role, lang, PublicLinks.For(Request, configuration), cancellationToken);
        return InviteError is null ? Back(lang, "invited") : await ShowAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync([FromRoute] string lang, string organiserId, OrganisationRole newRole, CancellationToken cancellationToken)
    {
        Error = Enum.IsDefined(newRole) ? await members.ChangeRoleAsync(Organisation, organiserId, newRole, cancellationToken) : null;
        return Error is null ? Back(lang, "role") : await ShowAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] string lang, string organiserId, CancellationToken cancellationToken)
    {
        Error = await members.RemoveAsync(Organisation, organiserId, cancellationToken);
        if (Error is not null)
        {
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
        // An owner who left has no members page any more.
        return organiserId == Organisation.OrganiserId ? Redirect($"/{lang}/organiser") : Back(lang, "removed");
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromRoute] string lang, int invitationId, CancellationToken cancellationToken)
    {
        return await members.RevokeInvitationAsync(Organisation, invitationId, cancellationToken) ? Back(lang, "revoked") : NotFound();
    }

    private RedirectResult Back(string lang, string done) => Redirect($"/{lang}/organiser/{Organisation.Slug}/members?done={done}");

    private async Task<PageResult> ShowAsync(int status, CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        var team = await read.HandleAsync(Organisation, cancellationToken);
        Members = team.Members;
        Invitations = team.Invitations;
        return Page();
    }
}
