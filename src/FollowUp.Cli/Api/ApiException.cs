namespace FollowUp.Cli.Api;

/// <summary>An answer of the API other than success, with its problem details put in words.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Someone else changed or created it since it was read (412), or created it meanwhile (409, 428).</summary>
    public bool IsConflict => Status is 409 or 412 or 428;

    /// <summary>Not about the content: the key, the instance, or the way there; the same command will not fare better.</summary>
    public bool IsAccessProblem => Status is 401 or 403 || Status >= 500;
}
