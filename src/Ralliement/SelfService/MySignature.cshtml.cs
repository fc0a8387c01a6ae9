using Microsoft.Extensions.Localization;
using Ralliement.Confirmation;
using Ralliement.News;

namespace Ralliement.SelfService;

/// <summary>
/// The signer's own page, opened by the emailed link: what is stored about them and what they can
/// do with it. Per visitor, so never cached (no-store) and protected by antiforgery tokens; each
/// action is a button's POST, because mail scanners open every link they see.
/// </summary>
public sealed class MySignatureModel(
    ReadSignatureRecord readRecord, WithdrawSignature withdrawSignature, EraseSignature eraseSignature, StopNews stopNews,
    IStringLocalizer<Text> sharedText, IStringLocalizer<SelfServiceText> selfServiceText, IConfiguration configuration) : PageModel
{
    public enum Done { Nothing, Withdrawn, Erased, NewsStopped }

    public ReadSignatureRecord.Record? Record { get; private set; }
    public Done Outcome { get; private set; }
    /// <summary>After a withdrawal or erasure: whether the signature was in the count, so the page says whether the count went down.</summary>
    public bool WasCounted { get; private set; }
    /// <summary>The campaign's slug after a withdrawal or erasure, for the link back.</summary>
    public string? CampaignSlug { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken) =>
        await ShowAsync(lang, token, cancellationToken);

    public async Task<IActionResult> OnPostDownloadAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        var record = await readRecord.HandleAsync(token, lang, cancellationToken);
        if (record is null)
        {
            return await ShowAsync(lang, token, cancellationToken);
        }
        var campaignAddress = PublicLinks.For(Request, configuration).Campaign(lang, record.CampaignSlug);
        return File(SignatureDownload.Write(record, campaignAddress, sharedText, selfServiceText), "application/json", $"signature-{record.CampaignSlug}.json");
    }

    public async Task<IActionResult> OnPostStopNewsAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        if (await readRecord.HandleAsync(token, lang, cancellationToken) is { } record)
        {
            await stopNews.HandleAsync(record.Signature.Id, cancellationToken);
            Outcome = Done.NewsStopped;
        }
        return await ShowAsync(lang, token, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        // The link must still be valid here, though a withdrawal link alone never expires.
        if (await readRecord.HandleAsync(token, lang, cancellationToken) is { } record
            && await withdrawSignature.HandleAsync(token, cancellationToken) is not null)
        {
            return Finished(Done.Withdrawn, record);
        }
        return await ShowAsync(lang, token, cancellationToken);
    }

    public async Task<IActionResult> OnPostEraseAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        if (await readRecord.HandleAsync(token, lang, cancellationToken) is { } record
            && await eraseSignature.HandleAsync(record.Signature.Id, cancellationToken))
        {
            return Finished(Done.Erased, record);
        }
        return await ShowAsync(lang, token, cancellationToken);
    }

    private PageResult Finished(Done outcome, ReadSignatureRecord.Record record)
    {
        Outcome = outcome;
        CampaignSlug = record.CampaignSlug;
        WasCounted = record.Signature.State == SignatureState.Confirmed;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(string lang, string token, CancellationToken cancellationToken)
    {
        Record = await readRecord.HandleAsync(token, lang, cancellationToken);
        if (Record is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
