using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Ralliement.Organisers;

/// <summary>What an organiser may do in an organisation; each role grants a set of them.</summary>
public enum OrganisationPermission
{
    /// <summary>See the organisation's home page: every member.</summary>
    See,
    ManageMembers,
    ManageSettings,
    ReadAuditLog,
    EditCampaigns,
    SendNews,
    ModerateSignatures,
    ExportSignatures,
    ImportSignatures,
}

/// <summary>The organisation named by a request's <c>{org}</c> route value, and the current organiser's place in it.</summary>
/// <param name="TimeZone">The IANA zone its pages show and read times in (<see cref="Shared.OrganisationTime"/>).</param>
public sealed record OrganisationContext(int Id, string Slug, string Name, OrganisationRole Role, string OrganiserId, string Actor, string TimeZone = Organisation.DefaultTimeZone)
{
    public bool Can(OrganisationPermission permission) => OrganisationAccess.Grants(Role, permission);
}

/// <summary>
/// Authorisation of every organiser page and endpoint, checked on the server: the route's
/// <c>{org}</c> must be an organisation the signed-in organiser belongs to (else 404, so that
/// organisations cannot be discovered), and their role must grant the endpoint's permission (else 403).
/// Endpoints ask with <c>[Authorize(Policy = OrganisationAccess.Policy.EditCampaigns)]</c>.
/// </summary>
public static class OrganisationAccess
{
    public static class Policy
    {
        public const string See = "org:See";
        public const string ManageMembers = "org:ManageMembers";
        public const string ManageSettings = "org:ManageSettings";
        public const string ReadAuditLog = "org:ReadAuditLog";
        public const string EditCampaigns = "org:EditCampaigns";
        public const string SendNews = "org:SendNews";
        public const string ModerateSignatures = "org:ModerateSignatures";
        public const string ExportSignatures = "org:ExportSignatures";
        public const string ImportSignatures = "org:ImportSignatures";
    }

    private const string NotAMember = "not-a-member";

    public static bool Grants(OrganisationRole role, OrganisationPermission permission) => role switch
    {
        OrganisationRole.Owner => true,
        OrganisationRole.Editor => permission is OrganisationPermission.See or OrganisationPermission.EditCampaigns or OrganisationPermission.SendNews,
        OrganisationRole.Moderator => permission is OrganisationPermission.See or OrganisationPermission.ModerateSignatures
            or OrganisationPermission.ExportSignatures or OrganisationPermission.ImportSignatures,
        _ => false,
    };

    public static void AddOrganisationPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<OrganisationPermission>())
        {
            options.AddPolicy($"org:{permission}", policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new Requirement(permission)));
        }
    }

    /// <summary>The organisation this request was authorised for; set by the policy before the page runs.</summary>
    public static OrganisationContext Organisation(this HttpContext context) =>
        context.Features.Get<OrganisationContext>()
            ?? throw new InvalidOperationException("This endpoint has no organisation policy: add [Authorize(Policy = OrganisationAccess.Policy.…)].");

    /// <summary>The campaigns of the request's organisation: every organiser query about a campaign starts here.</summary>
    public static IQueryable<Campaign> CampaignsOf(this RalliementDb db, OrganisationContext organisation) =>
        db.Campaigns.Where(c => c.OrganisationId == organisation.Id);

    public sealed record Requirement(OrganisationPermission Permission) : IAuthorizationRequirement;

    public sealed class Handler(RalliementDb db) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (context.Resource is not HttpContext http
                || http.GetRouteValue("org") is not string slug
                || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } organiserId)
            {
                context.Fail(new AuthorizationFailureReason(this, NotAMember));
                return;
            }
            var organisation = http.Features.Get<OrganisationContext>();
            if (organisation is null || organisation.Slug != slug || organisation.OrganiserId != organiserId)
            {
                var membership = await db.Memberships.AsNoTracking()
                    .Where(m => m.OrganiserId == organiserId && m.Organisation.Slug == slug)
                    .Select(m => new { m.OrganisationId, m.Organisation.Name, m.Role, m.Organiser.Email, m.Organisation.TimeZone })
                    .FirstOrDefaultAsync(http.RequestAborted);
                if (membership is null)
                {
                    context.Fail(new AuthorizationFailureReason(this, NotAMember));
                    return;
                }
                organisation = new OrganisationContext(membership.OrganisationId, slug, membership.Name, membership.Role, organiserId, membership.Email ?? organiserId, membership.TimeZone);
                http.Features.Set(organisation);
            }
            if (organisation.Can(requirement.Permission))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, $"The role {organisation.Role} does not grant {requirement.Permission}."));
            }
        }
    }

    /// <summary>Answers 404 rather than 403 to an organiser who is not a member of the organisation asked for.</summary>
    public sealed class ResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden
                && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == NotAMember) == true)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
