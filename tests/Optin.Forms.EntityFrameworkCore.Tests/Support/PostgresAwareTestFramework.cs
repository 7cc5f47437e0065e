using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Optin.Forms.EntityFrameworkCore.Tests.Support.PostgresAwareTestFramework", "Optin.Forms.EntityFrameworkCore.Tests")]

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// xunit's framework, except that the tests of a <see cref="RequiresPostgresAttribute"/> class are reported as
/// skipped when no server is configured. A per-test <c>Skip</c> cannot do it: the conformance tests are inherited
/// from the core's abstract suite with plain <c>[Fact]</c>s.
/// </summary>
public sealed class PostgresAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider source, IMessageSink sink)
        : XunitTestFrameworkDiscoverer(assembly, source, sink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (RequiresPostgresAttribute.ConnectionString is null
                && testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any()
                && testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                var testCase = new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
                return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
            }

            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }
    }
}

/// <summary>A test case reported as skipped because PostgreSQL is not configured.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => RequiresPostgresAttribute.SkipReason;
}
