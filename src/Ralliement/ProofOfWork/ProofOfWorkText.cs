namespace Ralliement.ProofOfWork;

/// <summary>The texts of the proof of work: the form's waiting message and the organisation's setting.</summary>
public sealed class ProofOfWorkText;
