namespace FollowUp.Ingest;

public enum IngestStatus
{
    /// <summary>New: processed now.</summary>
    Accepted,

    /// <summary>This (source, id) was processed before; nothing new was done.</summary>
    Duplicate,
}
