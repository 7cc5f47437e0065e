using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>EVD-1: the signed-in identity of admin actions, and the access log of evidence and export reads.</content>
internal static partial class AdminEndpoints
{
    /// <summary>What the access log says when a read was made with no one signed in (an admin API left open by its host).</summary>
    internal const string Unauthenticated = "(unauthenticated)";

    /// <summary>The log category of evidence reads.</summary>
    internal const string LogCategory = "Optin.Forms.AspNetCore.Admin";

    /// <summary>The signed-in identity: its name, else its NameIdentifier claim; null when no one is signed in.</summary>
    private static string? SignedIn(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        return identity.Name is { Length: > 0 } name ? name
            : user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id
            : null;
    }

    /// <summary>The culture asked for the evidence page (<c>?culture=fr</c>); null for the configured default.</summary>
    private static string? Culture(HttpContext context) =>
        context.Request.Query["culture"].ToString() is { Length: > 0 and <= 20 } culture ? culture : null;

    /// <summary>Runs a read and, when it found the contact, logs who read what (EVD-1): in the store's access log and as a log event.</summary>
    internal static async Task ReadAsync(HttpContext context, Guid contactId, string action, Task<bool> read)
    {
        if (!await read)
        {
            return;
        }

        var actor = SignedIn(context) ?? Unauthenticated;
        await Evidence(context).RecordAccessAsync(contactId, actor, action, CancellationToken.None);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        Log.EvidenceRead(logger, actor, action, contactId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "{Actor} read {Action} of contact {ContactId}")]
        public static partial void EvidenceRead(ILogger logger, string actor, string action, Guid contactId);
    }
}
