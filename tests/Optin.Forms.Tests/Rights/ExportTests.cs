using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rights;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

public sealed class ExportTests
{
    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task ExportAsync_AfterSignUp_WritesEverythingHeldWithoutTokenValues()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var token = Flow.ConfirmToken(flow.Mail.Messages[0]);
        using var output = new MemoryStream();

        Assert.True(await flow.Services.GetRequiredService<PersonalDataService>().ExportAsync(contactId, output, default));

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.True(OptinToken.TryHash(token, out var hash));
        Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("optin.export/1", root.GetProperty("schema").GetString());
        var contact = root.GetProperty("contact");
        Assert.Equal("jean.dupont@exemple.fr", contact.GetProperty("email").GetString());
        Assert.Equal("Jean", contact.GetProperty("fields").GetProperty("firstName").GetString());
        Assert.Equal("PendingConfirmation", contact.GetProperty("optins").GetProperty("newsletter").GetProperty("state").GetString());
        Assert.Equal("Jean", root.GetProperty("submissions")[0].GetProperty("values").GetProperty("firstName").GetString());
        Assert.Equal("203.0.113.0", root.GetProperty("submissions")[0].GetProperty("ipAddress").GetString());
        Assert.Equal(2, root.GetProperty("ledger").GetArrayLength());
        var tokenMeta = Assert.Single(root.GetProperty("tokens").EnumerateArray());
        Assert.Equal("Confirm", tokenMeta.GetProperty("kind").GetString());
        Assert.False(tokenMeta.TryGetProperty("hash", out _));
        var pending = Assert.Single(root.GetProperty("jobs").GetProperty("pending").EnumerateArray());
        Assert.Equal("SendDoubleOptinEmail", pending.GetProperty("action").GetString());
        Assert.Equal(1, root.GetProperty("jobs").GetProperty("finishedByStatus").GetProperty("Done").GetInt32());
        Assert.False(root.GetProperty("suppression").GetProperty("listed").GetBoolean());
    }

    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task ExportAsync_LongLedger_IsStreamedInSeveralWrites()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await using (var tx = await flow.Store.BeginTransactionAsync(default))
        {
            var events = Enumerable.Range(0, 2000).Select(i => new ConsentEvent
            {
                Id = Guid.NewGuid(), ContactId = contactId, Kind = ConsentEventKind.SetManually, State = OptinState.OptedIn,
                Method = ConsentMethod.Manual, OccurredAt = Some.Now, PurposeId = "partners", Actor = "ops", Reason = $"change {i}",
                LegalBasis = "signed paper form", ConsentText = new string('x', 200),
            }).ToList();
            await tx.Ledger.AppendAsync(events, default);
            await tx.CommitAsync(default);
        }

        using var inner = new MemoryStream();
        await using var output = new CountingStream(inner);

        Assert.True(await flow.Services.GetRequiredService<PersonalDataService>().ExportAsync(contactId, output, default));

        Assert.True(output.Writes > 10, $"{output.Writes} writes");
        using var json = JsonDocument.Parse(inner.ToArray());
        Assert.Equal(2001, json.RootElement.GetProperty("ledger").GetArrayLength());
    }

    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task ExportPortableAsync_AfterConfirmation_HoldsOnlyWhatThePersonProvided()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        using var output = new MemoryStream();

        Assert.True(await flow.Services.GetRequiredService<PersonalDataService>().ExportPortableAsync(contactId, output, default));

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain("ipAddress", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EmailSent", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("optin.portable/1", root.GetProperty("schema").GetString());
        Assert.Equal("jean.dupont@exemple.fr", root.GetProperty("email").GetString());
        Assert.Equal("Jean", root.GetProperty("submissions")[0].GetProperty("values").GetProperty("firstName").GetString());
        var consents = root.GetProperty("consents").EnumerateArray().ToList();
        Assert.Equal(["Given", "Confirmed"], consents.Select(c => c.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(Some.ConsentFr, consents[0].GetProperty("consentText").GetString());
    }

    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task ExportAsync_UnknownContact_ReturnsFalseAndWritesNothing()
    {
        using var flow = Flow.Start();
        var service = flow.Services.GetRequiredService<PersonalDataService>();
        using var output = new MemoryStream();

        Assert.False(await service.ExportAsync(Guid.NewGuid(), output, default));
        Assert.False(await service.ExportPortableAsync(Guid.NewGuid(), output, default));
        Assert.Equal(0, output.Length);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.WriteAsync(buffer, cancellationToken);
        }
    }
}
