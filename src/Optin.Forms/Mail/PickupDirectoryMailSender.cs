using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Optin.Forms.Mail;

/// <summary>
/// Writes each message as an <c>.eml</c> file in a pickup directory (the default sender: no server needed). The file is
/// named after the Message-ID, so a retry of the same message replaces it instead of adding a second one, and it is
/// written to a temporary file and renamed, so a reader never sees half a message.
/// </summary>
public sealed class PickupDirectoryMailSender : IMailSender
{
    private readonly string _directory;

    /// <summary>Creates the sender for <c>OptinForms:Mail:Pickup:Directory</c>.</summary>
    public PickupDirectoryMailSender(IOptions<OptinFormsOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.Mail.PickupDirectory)
    {
    }

    /// <summary>Creates the sender for <paramref name="directory"/>.</summary>
    public PickupDirectoryMailSender(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <summary>The full path of the directory.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    /// <remarks>
    /// The message is composed in memory, then written with one synchronous write (a small file: the page cache takes
    /// it at once, and no thread-pool round trips are needed) to a new temporary file, which is closed before it is
    /// renamed: when this returns, the whole message is in the file system under its final name.
    /// </remarks>
    public ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.MessageId))
        {
            throw new MailDeliveryException("A message without a Message-ID cannot be picked up idempotently.", isPermanent: true);
        }

        using var content = new MemoryStream(8 * 1024);
        message.WriteTo(content, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var final = Path.Combine(_directory, FileName(message.MessageId));
        var temp = Path.Combine(_directory, $".{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            using (var file = CreateNew(temp))
            {
                RandomAccess.Write(file, content.GetBuffer().AsSpan(0, (int)content.Length), 0);
            }

            File.Move(temp, final, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return ValueTask.CompletedTask;
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle CreateNew(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        }
        catch (DirectoryNotFoundException)
        {
            // Created on first use (and again if it was removed), not checked on every message.
            System.IO.Directory.CreateDirectory(_directory);
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        }
    }

    /// <summary>The file name for a Message-ID: only letters, digits, dot, dash and underscore.</summary>
    internal static string FileName(string messageId)
    {
        var name = new StringBuilder(messageId.Length + 4);
        foreach (var c in messageId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return name.Append(".eml").ToString();
    }

    // Erasure (DSR-5).

    /// <summary>
    /// Deletes the files of the messages with these Message-IDs, if they are still in the directory: erasure calls it with
    /// the Message-IDs of the erased person's jobs, so that their emails do not outlive them here (DSR-5).
    /// </summary>
    /// <param name="messageIds">The Message-IDs.</param>
    /// <returns>How many files were deleted.</returns>
    public int Remove(IEnumerable<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var removed = 0;
        foreach (var messageId in messageIds.Where(m => !string.IsNullOrEmpty(m)).Distinct(StringComparer.Ordinal))
        {
            var file = Path.Combine(_directory, FileName(messageId));
            if (File.Exists(file))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
