using Microsoft.EntityFrameworkCore;

namespace Ralliement.BrowserTests;

public sealed partial class BrowserHost
{
    /// <summary>
    /// Lets signatures without a proof of work count once confirmed, as an organisation may choose:
    /// for journeys without JavaScript that are about the form, not about held signatures (see ProofOfWorkTests).
    /// </summary>
    public Task CountUnprovenSignaturesAsync() =>
        WithDbAsync(db => db.Organisations.ExecuteUpdateAsync(o => o.SetProperty(x => x.HoldsUnprovenSignatures, false)));
}
