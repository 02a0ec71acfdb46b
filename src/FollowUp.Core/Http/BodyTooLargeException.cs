namespace FollowUp.Http;

/// <summary>A request body went past <see cref="ApiResults.MaxBodyBytes"/> while it was being read.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
        : base($"The body is larger than {ApiResults.MaxBodyBytes} bytes.")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
