namespace Optin.Forms.Mail;

/// <summary>A value that would end up in a mail header holds CR, LF or NUL (SEC-3); the message is not sent.</summary>
public sealed class HeaderInjectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HeaderInjectionException()
    {
    }

    /// <summary>Creates the exception with a message (never the value itself).</summary>
    public HeaderInjectionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public HeaderInjectionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
