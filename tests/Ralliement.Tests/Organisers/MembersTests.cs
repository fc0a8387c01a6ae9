using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class MembersTests
{
    private const string Members = "/fr/organiser/collectif-demo/members";

    private static Task<HttpResponseMessage> InviteAsync(HttpClient owner, string email, OrganisationRole role, string members = Members) =>
        RalliementApp.PostFormAsync(owner, members + "?handler=invite", new() { ["Email"] = email, ["Role"] = role.ToString() }, members);

    private static string InvitationLink(MimeKit.MimeMessage email) => RalliementApp.LinkIn(email, "organiser/invitation");

    private static Task<List<string>> AuditAsync(RalliementApp app, string organisation = RalliementApp.DemoOrganisation) =>
        app.WithDbAsync(db => db.AuditLog.Where(a => db.Organisations.Any(o => o.Id == a.OrganisationId && o.Slug == organisation)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private static Task<OrganisationRole?> RoleAsync(RalliementApp app, string email, string organisation = RalliementApp.DemoOrganisation) =>
        app.WithDbAsync(db => db.Memberships.Where(m => m.Organiser.Email == email && m.Organisation.Slug == organisation).Select(m => (OrganisationRole?)m.Role).FirstOrDefaultAsync());

    [Fact]
    public async Task An_invitation_names_the_inviter_by_the_name_members_see_not_by_their_sign_in_address()
    {
        using var app = new RalliementApp();
        var ownerEmail = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        await app.WithDbAsync(db => db.Users.Where(o => o.Email == ownerEmail).ExecuteUpdateAsync(u => u.SetProperty(o => o.DisplayName, "Camille Martin")));
        using var owner = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.LogInAsync(owner, ownerEmail, RalliementApp.TestPassword)).StatusCode);
        var invited = RalliementApp.UniqueEmail("invited");

        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(owner, invited, OrganisationRole.Editor)).StatusCode);

        var body = (await app.EmailToAsync(invited)).TextBody;
        Assert.Contains("Camille Martin vous invite à rejoindre", body, StringComparison.Ordinal);
        Assert.DoesNotContain(ownerEmail, body, StringComparison.OrdinalIgnoreCase);
    }

    [BothDatabases]
    [Fact]
    public async Task Someone_new_accepts_an_invitation_by_choosing_a_name_and_password_and_the_link_then_stops_working()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var invited = RalliementApp.UniqueEmail("invited");

        var sent = await InviteAsync(owner, invited, OrganisationRole.Editor);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains(invited, await owner.GetStringAsync(Members), StringComparison.Ordinal);
        var link = InvitationLink(await app.EmailToAsync(invited));

        using var newcomer = app.Browser();
        Assert.Contains("Créez votre compte", await newcomer.GetStringAsync(link), StringComparison.Ordinal);
        var differ = await RalliementApp.PostFormAsync(newcomer, link, new() { ["DisplayName"] = "Noa", ["Password"] = "une phrase assez longue", ["Confirmation"] = "une autre phrase" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, differ.StatusCode);
        var joined = await RalliementApp.PostFormAsync(newcomer, link, new() { ["DisplayName"] = "Noa", ["Password"] = RalliementApp.TestPassword, ["Confirmation"] = RalliementApp.TestPassword });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/fr/organiser/collectif-demo", joined.Headers.Location?.OriginalString);
        Assert.Contains("Votre rôle&#x202F;: éditeur", await newcomer.GetStringAsync("/fr/organiser/collectif-demo"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == invited && u.EmailConfirmed && u.DisplayName == "Noa")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(link)).StatusCode);
        Assert.Equal(["member.invite", "member.join"], (await AuditAsync(app)).Where(a => a.StartsWith("member.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_existing_organiser_must_be_signed_in_as_the_invited_account_to_accept()
    {
        using var app = new RalliementApp();
        await app.OrganisationAsync("voisins");
        var existing = await app.OrganiserAccountAsync(OrganisationRole.Owner, "voisins");
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        await InviteAsync(owner, existing, OrganisationRole.Moderator);
        var link = InvitationLink(await app.EmailToAsync(existing));

        using var visitor = app.Browser();
        Assert.Contains("/fr/organiser/login?returnUrl=", await visitor.GetStringAsync(link), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await RalliementApp.PostFormAsync(owner, link, [])).StatusCode);
        Assert.Null(await RoleAsync(app, existing));

        await RalliementApp.LogInAsync(visitor, existing, RalliementApp.TestPassword);
        Assert.Contains("Accepter l’invitation", await visitor.GetStringAsync(link), StringComparison.Ordinal);
        var accepted = await RalliementApp.PostFormAsync(visitor, link, []);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(OrganisationRole.Moderator, await RoleAsync(app, existing));
        Assert.Equal(OrganisationRole.Owner, await RoleAsync(app, existing, "voisins"));
    }

    [BothDatabases]
    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        using var app = new RalliementApp();
        await app.OrganisationAsync("seule");
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner, "seule");
        using var owner = app.Browser();
        await RalliementApp.LogInAsync(owner, email, RalliementApp.TestPassword);
        const string members = "/en/organiser/seule/members";
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var demoted = await RalliementApp.PostFormAsync(owner, members + "?handler=role", new() { ["organiserId"] = id, ["newRole"] = "Editor" }, members);
        var removed = await RalliementApp.PostFormAsync(owner, members + "?handler=remove", new() { ["organiserId"] = id }, members);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, demoted.StatusCode);
        Assert.Contains("last owner", await demoted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removed.StatusCode);
        Assert.Contains("The last owner cannot be removed", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrganisationRole.Owner, await RoleAsync(app, email, "seule"));

        var second = await app.OrganiserAccountAsync(OrganisationRole.Editor, "seule");
        var secondId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == second).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, members + "?handler=role", new() { ["organiserId"] = secondId, ["newRole"] = "Owner" }, members)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, members + "?handler=role", new() { ["organiserId"] = id, ["newRole"] = "Moderator" }, members)).StatusCode);
        Assert.Equal(OrganisationRole.Moderator, await RoleAsync(app, email, "seule"));
        Assert.Equal(["member.role", "member.role"], await AuditAsync(app, "seule"));
    }

    [Fact]
    public async Task An_owner_removes_a_member_and_revokes_an_invitation()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var editor = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        var editorId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == editor).Select(u => u.Id).SingleAsync());
        var invited = RalliementApp.UniqueEmail("invited");
        await InviteAsync(owner, invited, OrganisationRole.Owner);
        var invitationId = await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == invited).Select(i => i.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, Members + "?handler=remove", new() { ["organiserId"] = editorId }, Members)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, Members + "?handler=revoke", new() { ["invitationId"] = $"{invitationId}" }, Members)).StatusCode);

        Assert.Null(await RoleAsync(app, editor));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(InvitationLink(await app.EmailToAsync(invited)))).StatusCode);
        Assert.Equal(["member.invite", "member.remove", "member.revoke"], (await AuditAsync(app)).Where(a => a.StartsWith("member.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Removing_a_member_is_asked_on_a_page_of_its_own_and_happens_only_from_there()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var editor = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        var editorId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == editor).Select(u => u.Id).SingleAsync());
        var list = await owner.GetStringAsync(Members);
        var ask = $"{Members}?remove={Uri.EscapeDataString(editorId)}";
        Assert.Contains($@"href=""{ask}""", list, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=remove", list, StringComparison.Ordinal);

        var confirmation = await owner.GetStringAsync(ask);

        Assert.Contains($"Retirer {editor}&#x202F;?", confirmation, StringComparison.Ordinal);
        Assert.Contains(@"class=""danger""", confirmation, StringComparison.Ordinal);
        Assert.Equal(OrganisationRole.Editor, await RoleAsync(app, editor));
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, Members + "?handler=remove", new() { ["organiserId"] = editorId }, ask)).StatusCode);
        Assert.Null(await RoleAsync(app, editor));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(ask)).StatusCode);
    }

    [Fact]
    public async Task An_invitation_expires_after_seven_days()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var invited = RalliementApp.UniqueEmail("late");
        await InviteAsync(owner, invited, OrganisationRole.Editor);
        var link = InvitationLink(await app.EmailToAsync(invited));

        app.Clock.Advance(TimeSpan.FromDays(7.1));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(link)).StatusCode);
        // The owner's session ended meanwhile (8 hours): another owner reads the pending list.
        using var later = await app.SignedInAsync(OrganisationRole.Owner);
        Assert.DoesNotContain(invited, await later.GetStringAsync(Members), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrganisationRole.Editor)]
    [InlineData(OrganisationRole.Moderator)]
    public async Task Only_owners_open_members_settings_and_deletion(OrganisationRole role)
    {
        using var app = new RalliementApp();
        using var client = await app.SignedInAsync(role);

        foreach (var page in new[] { "members", "settings", "delete" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/fr/organiser/collectif-demo/{page}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(Members + "?handler=invite", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Another_organisations_members_are_not_found()
    {
        using var app = new RalliementApp();
        await app.OrganisationAsync("ailleurs");
        await app.OrganiserAccountAsync(OrganisationRole.Owner, "ailleurs");
        using var client = await app.SignedInAsync(OrganisationRole.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/organiser/ailleurs/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/organiser/ailleurs/settings")).StatusCode);
    }
}
