using FollowUp.Events;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>Keys of the MessageIndex table: <c>m:{id}</c> finds a message's customer; <c>o:{order}</c>/<c>d:{deal}</c> list a subject's messages and the events it has seen.</summary>
public static class MessageIndexKeys
{
    public const string CustomerKeyProperty = "CustomerKey";

    public static string ById(string messageId) => "m:" + messageId;

    public static string BySubject(SubjectKind kind, string subjectId) =>
        (kind == SubjectKind.Deal ? "d:" : "o:") + TableKey.Encode(subjectId);

    public static string MessageRow(string messageId) => "m:" + messageId;

    public static string EventRow(string eventType) => "e:" + eventType;
}
