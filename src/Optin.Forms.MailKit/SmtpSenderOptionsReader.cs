using Microsoft.Extensions.Configuration;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reads <c>OptinForms:Mail:Smtp</c> into <see cref="SmtpSenderOptions"/>, recording wrong types and unknown keys with
/// their paths instead of throwing on the first one, so that start-time validation lists every problem.
/// </summary>
internal static class SmtpSenderOptionsReader
{
    private static readonly string[] Keys =
        ["Host", "Port", "Security", "UserName", "Password", "LocalDomain", "PoolSize", "ConnectTimeout", "CommandTimeout", "IdleCheckAfter", "Dkim"];

    private static readonly string[] DkimKeys = ["Domain", "Selector", "PrivateKeyPath", "PrivateKeyPem"];

    private const string Example = "00:00:30";

    public static void Read(IConfigurationSection section, SmtpSenderOptions options)
    {
        options.Path = section.Path;
        MailOptionsReading.UnknownKeys(section, Keys, options.ReadProblems);

        options.Host = section["Host"] ?? options.Host;
        options.UserName = section["UserName"] ?? options.UserName;
        options.Password = section["Password"] ?? options.Password;
        options.LocalDomain = section["LocalDomain"] ?? options.LocalDomain;
        options.Port = MailOptionsReading.ReadInt(section, "Port", options.Port, options.ReadProblems);
        options.PoolSize = MailOptionsReading.ReadInt(section, "PoolSize", options.PoolSize, options.ReadProblems);
        options.ConnectTimeout = MailOptionsReading.ReadTimeSpan(section, "ConnectTimeout", options.ConnectTimeout, options.ReadProblems, Example);
        options.CommandTimeout = MailOptionsReading.ReadTimeSpan(section, "CommandTimeout", options.CommandTimeout, options.ReadProblems, Example);
        options.IdleCheckAfter = MailOptionsReading.ReadTimeSpan(section, "IdleCheckAfter", options.IdleCheckAfter, options.ReadProblems, Example);
        options.Security = MailOptionsReading.ReadEnum(section, "Security", options.Security, options.ReadProblems);

        var dkim = section.GetSection("Dkim");
        MailOptionsReading.UnknownKeys(dkim, DkimKeys, options.ReadProblems);

        options.Dkim.Domain = dkim["Domain"] ?? options.Dkim.Domain;
        options.Dkim.Selector = dkim["Selector"] ?? options.Dkim.Selector;
        options.Dkim.PrivateKeyPath = dkim["PrivateKeyPath"] ?? options.Dkim.PrivateKeyPath;
        options.Dkim.PrivateKeyPem = dkim["PrivateKeyPem"] ?? options.Dkim.PrivateKeyPem;
    }
}
