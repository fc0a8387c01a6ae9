namespace Ralliement.Tests.Resilience;

/// <summary>
/// Tests that load the machine (a server killed under 8 signers, 100,000 signatures) run after the
/// others and on their own: on two cores, sharing them would make both them and their neighbours' timeouts flaky.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
