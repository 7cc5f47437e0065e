using Microsoft.Extensions.Configuration;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reads <c>OptinForms:Deliverability:Imap</c> into <see cref="ImapPollerOptions"/>, recording wrong types and unknown
/// keys with their paths (and the closest known key) instead of throwing on the first one, so that start-time
/// validation lists every problem.
/// </summary>
internal static class ImapPollerOptionsReader
{
    internal static readonly string[] Keys =
        ["Host", "Port", "Security", "UserName", "Password", "Folder", "ProcessedFolder", "RefusedFolder", "PollInterval", "ConnectTimeout", "CommandTimeout"];

    private const string Example = "00:05:00";

    public static void Read(IConfigurationSection section, ImapPollerOptions options)
    {
        options.Path = section.Path;
        MailOptionsReading.UnknownKeys(section, Keys, options.ReadProblems);

        options.Host = section["Host"] ?? options.Host;
        options.UserName = section["UserName"] ?? options.UserName;
        options.Password = section["Password"] ?? options.Password;
        options.Folder = section["Folder"] ?? options.Folder;
        options.ProcessedFolder = section["ProcessedFolder"] ?? options.ProcessedFolder;
        options.RefusedFolder = section["RefusedFolder"] ?? options.RefusedFolder;
        options.Port = MailOptionsReading.ReadInt(section, "Port", options.Port, options.ReadProblems);
        options.PollInterval = MailOptionsReading.ReadTimeSpan(section, "PollInterval", options.PollInterval, options.ReadProblems, Example);
        options.ConnectTimeout = MailOptionsReading.ReadTimeSpan(section, "ConnectTimeout", options.ConnectTimeout, options.ReadProblems, Example);
        options.CommandTimeout = MailOptionsReading.ReadTimeSpan(section, "CommandTimeout", options.CommandTimeout, options.ReadProblems, Example);
        options.Security = MailOptionsReading.ReadEnum(section, "Security", options.Security, options.ReadProblems);
    }
}
