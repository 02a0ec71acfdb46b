namespace FollowUp.SelfHost.Hosting;

/// <summary>The self-host's port is taken; the message is the one line to show.</summary>
public sealed class PortInUseException : Exception
{
    public PortInUseException()
    {
    }

    public PortInUseException(string message)
        : base(message)
    {
    }

    public PortInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
