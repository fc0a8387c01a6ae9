using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>
/// Tells an audit entry as a sentence in the page's language: "Camille a publié « Lettre aux éditeurs »".
/// Each action has a resource <c>Did_{action}</c> (or <c>Did_{action}Singular</c> and <c>…Plural</c> when
/// it counts something) whose arguments are {0} who, {1} what, {2} how many, {3} and {4} a detail
/// (a role, a language, a domain). A member removed since, a campaign or news deleted since, still
/// read as such rather than as an id.
/// </summary>
public static partial class AuditSentence
{
    public const string ResourcePrefix = "Did_";

    public static string Of(ReadAuditEntries.Entry entry, ReadAuditEntries.Names names, IStringLocalizer<ModerationText> text, IStringLocalizer<OrganiserText> organiserText)
    {
        var count = Number(entry.Details, "count") ?? Number(entry.Details, "rows") ?? Number(entry.Details, "recipients") ?? Number(entry.Details, "imported");
        var (what, detail, other) = Objects(entry, names, text, organiserText);
        if (entry.Action == "campaign.amend")
        {
            count = Version(entry.Details);
        }
        var key = ResourcePrefix + entry.Action;
        if (!text.Holds(key))
        {
            key = Languages.CountKey(key, count ?? 0);
        }
        return text.Holds(key)
            ? text[key, Who(entry, names, text), what, count ?? 0, detail, other].Value
            : text["Did_unknown", Who(entry, names, text), entry.Action];
    }

    /// <summary>Who acted: the member's name, a former member, or the platform itself.</summary>
    private static string Who(ReadAuditEntries.Entry entry, ReadAuditEntries.Names names, IStringLocalizer<ModerationText> text) => entry switch
    {
        { Actor: "system" } => text["AuditSystem"],
        { Actor: "admin command" } => text["AuditAdminCommand"],
        { OrganiserId: { } id } when names.People.TryGetValue(id, out var person) => person.Member ? person.Name : text["AuditFormerMemberNamed", person.Name],
        { OrganiserId: not null } => text["AuditFormerMemberSubject"],
        _ => entry.Actor,
    };

    private static (string What, string Detail, string Other) Objects(ReadAuditEntries.Entry entry, ReadAuditEntries.Names names, IStringLocalizer<ModerationText> text, IStringLocalizer<OrganiserText> organiserText)
    {
        string Role(string? role) => role is null ? "" : organiserText["Role" + role.Trim()];
        var target = entry.Target;
        var details = entry.Details ?? "";
        if (ReadAuditEntries.TargetId(target, "invitation") is not null || entry.Action == "member.add")
        {
            // "someone@example.org as Editor": the invited address, and the role.
            var parts = details.Split(" as ", 2);
            return parts.Length == 2 ? (parts[0], Role(parts[1]), "") : ("", Role(details), "");
        }
        if (ReadAuditEntries.TargetId(target, "organiser") is { } organiser)
        {
            var person = names.People.TryGetValue(organiser, out var found) ? found.Name : text["AuditFormerMember"].Value;
            var roles = details.Split("->", 2);
            return roles.Length == 2 ? (person, Role(roles[1]), Role(roles[0])) : (person, Role(details), "");
        }
        if (ReadAuditEntries.TargetIds(target, "news").FirstOrDefault() is var news and > 0)
        {
            return (names.News.TryGetValue(news, out var subject) ? text["AuditNews", Quoted(subject, text)] : text["AuditNewsGone", news], Campaign(CampaignIn(details), names, text), "");
        }
        if (ReadAuditEntries.TargetIds(target, "commitment").FirstOrDefault() is var commitment and > 0)
        {
            return (names.Commitments.TryGetValue(commitment, out var label) ? text["AuditCommitment", Quoted(label, text)] : text["AuditCommitmentGone"], "", "");
        }
        if (ReadAuditEntries.TargetIds(target, "field").FirstOrDefault() is var field and > 0)
        {
            return (names.Fields.TryGetValue(field, out var label) ? text["AuditField", Quoted(label, text)] : text["AuditFieldGone"], "", "");
        }
        var campaigns = ReadAuditEntries.TargetIds(target, "campaign").Concat(ReadAuditEntries.TargetIds(target, "campaigns")).ToList();
        var what = string.Join(", ", campaigns.Select(c => Campaign(c, names, text)));
        var detail = entry.Action switch
        {
            "campaign.text" or "campaign.amend" => LanguageName(details.Split(' ')[0], text),
            "field.add" => Quoted(details, text),
            "affiliation.add" or "affiliation.rename" or "affiliation.remove" or "affiliation.domain-add" or "affiliation.exclusion-add" or "affiliation.domain-remove" => Quoted(details, text),
            "campaign.domain-wave-hold" or "signature.reject-wave" => Value(details, "domain") ?? "",
            _ => "",
        };
        return (what, detail, "");
    }

    private static string Campaign(int? id, ReadAuditEntries.Names names, IStringLocalizer<ModerationText> text) =>
        id is not { } known ? ""
        : names.Campaigns.TryGetValue(known, out var title) ? Quoted(title, text)
        : text["AuditCampaignGone", known];

    private static string Quoted(string words, IStringLocalizer<ModerationText> text) => text["AuditQuoted", words];

    private static string LanguageName(string code, IStringLocalizer<ModerationText> text)
    {
        var key = "AuditLanguage_" + code;
        return text.Holds(key) ? text[key] : code;
    }

    private static int? CampaignIn(string details) => Value(details, "campaign", ':') is { } id && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? Version(string? details) => details is null ? null
        : VersionPattern().Match(details) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static int? Number(string? details, string name) =>
        details is not null && Value(details, name) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A value in details written as <c>name=value</c> pairs separated by spaces or semicolons.</summary>
    private static string? Value(string details, string name, char separator = '=') =>
        details.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith(name + separator, StringComparison.Ordinal))
            .Select(p => p[(name.Length + 1)..])
            .FirstOrDefault();

    [GeneratedRegex(@"\bv(\d+)\b")]
    private static partial Regex VersionPattern();
}
