using Optin.Forms.Storage;

namespace Optin.Forms.Mail;

/// <summary>
/// Deletes the <c>.eml</c> files the pickup directory sender wrote for erased contacts, found by the Message-IDs of their
/// jobs, which erasure keeps (DSR-5). Does nothing with any other sender: a message handed to an SMTP server is out of reach.
/// </summary>
internal static class PickupErasure
{
    /// <returns>How many files were deleted.</returns>
    public static async ValueTask<long> RemoveAsync(IMailSender? mail, IOptinStore store, IEnumerable<Guid> contactIds,
        CancellationToken cancellationToken)
    {
        if (mail is not PickupDirectoryMailSender pickup)
        {
            return 0;
        }

        var messageIds = new List<string>();
        foreach (var contactId in contactIds)
        {
            await foreach (var job in store.Jobs.ListJobsAsync(contactId, cancellationToken))
            {
                if (job.MessageId is { Length: > 0 } messageId)
                {
                    messageIds.Add(messageId);
                }
            }
        }

        return pickup.Remove(messageIds);
    }
}
