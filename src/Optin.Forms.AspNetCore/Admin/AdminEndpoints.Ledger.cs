using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>
/// The ledger's hash chains (LEDG-1): <c>GET ledger/verify[?contact=id]</c> recomputes the chains and names the first
/// broken entry; <c>GET ledger/checkpoint</c> returns a checkpoint (the same JSON as <c>optin checkpoint</c>);
/// <c>POST ledger/verify</c> with a checkpoint as the body also proves that nothing before it changed.
/// </content>
internal static partial class AdminEndpoints
{
    private static void MapLedger(RouteGroupBuilder admin)
    {
        admin.MapGet("/ledger/verify", async (HttpContext c, Guid? contact) =>
            AdminJson.Ok(await Chains(c).VerifyAsync(contact, null, c.RequestAborted)));
        admin.MapPost("/ledger/verify", async (HttpContext c, Guid? contact) =>
        {
            LedgerCheckpoint checkpoint;
            try
            {
                checkpoint = await LedgerCheckpoint.ReadJsonAsync(c.Request.Body, c.RequestAborted);
            }
            catch (FormatException e)
            {
                return Invalid("checkpoint", e.Message);
            }

            return AdminJson.Ok(await Chains(c).VerifyAsync(contact, checkpoint, c.RequestAborted));
        });
        admin.MapGet("/ledger/checkpoint", async (HttpContext c) =>
        {
            var checkpoint = await Chains(c).CheckpointAsync(c.RequestAborted);
            c.Response.ContentType = "application/json; charset=utf-8";
            await checkpoint.WriteJsonAsync(c.Response.Body, c.RequestAborted);
        });
    }

    private static LedgerChainService Chains(HttpContext context) => context.RequestServices.GetRequiredService<LedgerChainService>();
}
