namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>Tests that time requests: they run after the others, one at a time, so that other test servers are not noise.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedTests
{
    public const string Name = "Timing";
}
