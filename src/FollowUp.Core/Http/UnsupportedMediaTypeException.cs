namespace FollowUp.Http;

/// <summary>A request body that is not JSON where JSON is required (415).</summary>
public sealed class UnsupportedMediaTypeException : Exception
{
    public UnsupportedMediaTypeException()
    {
    }

    public UnsupportedMediaTypeException(string message)
        : base(message)
    {
    }

    public UnsupportedMediaTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
