namespace FollowUp.Rules;

/// <summary>When set on a rule, each message it schedules gets its own unique coupon code, e.g. <c>THANKS-7KQ2M9XD</c>.</summary>
public sealed record CouponSettings(string Prefix, int Length);
