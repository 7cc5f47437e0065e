using System.Collections.Concurrent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>
/// Stands in for the real double opt-in service (another package) so the pages can be tested alone: tokens are bound
/// to a kind and single use, like the contract says; every call is recorded.
/// </summary>
internal sealed class FakeDoubleOptinService : IDoubleOptinService
{
    private readonly ConcurrentDictionary<string, (TokenKind Kind, bool Used)> _tokens = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public string Issue(TokenKind kind)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = (kind, false);
        return token;
    }

    public int Count(string call) => Calls.Count(c => c == call);

    public ValueTask<TokenStatus> InspectAsync(string token, TokenKind kind, CancellationToken cancellationToken)
    {
        Calls.Enqueue("Inspect");
        return ValueTask.FromResult(_tokens.TryGetValue(token, out var t) && t.Kind == kind && !t.Used ? TokenStatus.Valid : TokenStatus.Invalid);
    }

    public ValueTask<TokenStatus> ConfirmAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        Calls.Enqueue("Confirm");
        return ValueTask.FromResult(Use(token, TokenKind.Confirm));
    }

    public ValueTask<TokenStatus> RejectAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        Calls.Enqueue("Reject");
        return ValueTask.FromResult(Use(token, TokenKind.Confirm));
    }

    public ValueTask<TokenStatus> UnsubscribeAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        Calls.Enqueue("Unsubscribe");
        return ValueTask.FromResult(_tokens.TryGetValue(token, out var t) && t.Kind == TokenKind.Unsubscribe ? TokenStatus.Valid : TokenStatus.Invalid);
    }

    private TokenStatus Use(string token, TokenKind kind)
    {
        lock (_tokens)
        {
            if (_tokens.TryGetValue(token, out var t) && t.Kind == kind && !t.Used)
            {
                _tokens[token] = (kind, true);
                return TokenStatus.Valid;
            }

            return TokenStatus.Invalid;
        }
    }
}
