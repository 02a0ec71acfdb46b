namespace FollowUp.Storage;

/// <summary>
/// A rule or template edit that lost a race or named the wrong version: <see cref="Status"/> is 409 when it was
/// created meanwhile, 412 when its version differs from the one the editor read, 428 when it exists and the editor
/// named no version at all (a blind overwrite).
/// </summary>
public sealed class EditConflictException : Exception
{
    public EditConflictException()
    {
    }

    public EditConflictException(string message)
        : base(message)
    {
    }

    public EditConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EditConflictException(int status, int currentVersion, string message)
        : base(message)
    {
        Status = status;
        CurrentVersion = currentVersion;
    }

    public int Status { get; } = 409;

    /// <summary>The version stored now (0 when there is none).</summary>
    public int CurrentVersion { get; }

    /// <summary>Checks an edit's precondition against the stored version.</summary>
    /// <param name="what">"Rule 'x'" or "Template 'x'", for the message.</param>
    /// <param name="current">The stored version, 0 when none is stored.</param>
    /// <param name="expected">null: any state; 0: must not exist; n: must be at version n (a negative n never is).</param>
    /// <param name="mustExist">True for <c>If-Match: *</c>.</param>
    public static void ThrowIfUnmet(string what, int current, int? expected, bool mustExist)
    {
        if (mustExist && current == 0)
        {
            throw new EditConflictException(412, 0, $"{what} does not exist, so If-Match: * does not hold.");
        }

        if (expected == 0 && current > 0)
        {
            throw new EditConflictException(428, current, $"{what} exists (version {current}); to replace it, send If-Match: \"v{current}\" with the version you read.");
        }

        if (expected is not null and not 0 && expected != current)
        {
            throw new EditConflictException(412, current, current == 0
                ? $"{what} does not exist, so version {expected} cannot be replaced."
                : $"{what} is at version {current}, not {expected}: someone changed it since you read it.");
        }
    }
}
