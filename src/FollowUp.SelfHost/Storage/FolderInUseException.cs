namespace FollowUp.SelfHost.Storage;

/// <summary>Another process holds the lock on a data folder: an expected situation, reported in one line.</summary>
public sealed class FolderInUseException : Exception
{
    public FolderInUseException()
    {
    }

    public FolderInUseException(string message)
        : base(message)
    {
    }

    public FolderInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
