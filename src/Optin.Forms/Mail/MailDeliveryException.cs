namespace Optin.Forms.Mail;

/// <summary>A transport refused a message; <see cref="IsPermanent"/> says whether a retry can succeed.</summary>
public sealed class MailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MailDeliveryException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the transport's exception.</summary>
    public MailDeliveryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates a classified exception.</summary>
    /// <param name="message">What happened (no address, no token: SEC-8).</param>
    /// <param name="isPermanent">Whether retrying cannot help (an SMTP 5xx such as an unknown recipient).</param>
    /// <param name="statusCode">The transport's status code, when it has one (for example 550).</param>
    /// <param name="innerException">The transport's exception.</param>
    public MailDeliveryException(string message, bool isPermanent, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
        StatusCode = statusCode;
    }

    /// <summary>Whether retrying cannot help; the address is then marked undeliverable.</summary>
    public bool IsPermanent { get; }

    /// <summary>The transport's status code, when it has one.</summary>
    public int? StatusCode { get; }
}
