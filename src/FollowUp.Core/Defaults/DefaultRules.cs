using FollowUp.Events;
using FollowUp.Rules;

namespace FollowUp.Defaults;

/// <summary>
/// The follow-ups every shop and sales team should have — five on, and an NPS question off until it is wanted — seeded
/// on first start and editable after.
/// </summary>
public static class DefaultRules
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        new Rule
        {
            Id = "thank-you",
            Description = "A thank-you that confirms the choice, within the hour of the purchase.",
            Trigger = EventTypes.OrderPlaced,
            Delay = "PT1H",
            TemplateId = "thank-you",
            CancelOn = [EventTypes.OrderCancelled],
            Category = MessageCategory.Service,

            // The customer has just acted, so any waking hour will do; a night-time purchase is thanked in the morning.
            SendWindow = Window(EveryDay, "07:00", "22:00", skipHolidays: false),
            MaxEventAge = "P2D",
        },
        new Rule
        {
            Id = "review-request",
            Description = "Asks for a rating and a review after five days in use; a return or cancellation stops it.",
            Trigger = EventTypes.OrderDelivered,
            Delay = "P5D",
            TemplateId = "review-request",
            CancelOn = [EventTypes.OrderReturned, EventTypes.OrderCancelled],
            Category = MessageCategory.Feedback,
            SendWindow = Window(EveryDay, "09:00", "20:00", skipHolidays: true),

            // Long enough for a week's wait behind another feedback message (the default cap), not for a stale question.
            ExpiresAfter = "P14D",
            MaxEventAge = "P30D",
        },
        new Rule
        {
            Id = "loyalty-reward",
            Description = "Thanks a customer for their third order with a personal coupon code.",
            Trigger = EventTypes.OrderPlaced,
            Condition = "customer.order_count == 3",
            Delay = "PT2H",
            TemplateId = "loyalty-reward",
            Coupon = new CouponSettings("THANKS-", 8),
            Category = MessageCategory.Marketing,
            Phase = JourneyPhase.Repeat,
            SendWindow = Window(EveryDay, "09:00", "20:00", skipHolidays: true),
            ExpiresAfter = "P3D",
            MaxEventAge = "P2D",
        },
        new Rule
        {
            Id = "lost-sale-survey",
            Description = "Asks a lost prospect why, with one-click reasons; a won or reopened deal stops it.",
            Trigger = EventTypes.DealLost,
            Delay = "P2D",
            TemplateId = "lost-sale-survey",
            CancelOn = [EventTypes.DealWon, EventTypes.DealReopened],
            Category = MessageCategory.Feedback,

            // The reasons a salesperson can still do something about reach the deal's owner.
            Alerts = new RuleAlerts { Answers = ["service", "product-fit"] },

            // A business question, asked in business hours.
            SendWindow = Window(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00", skipHolidays: true),
            ExpiresAfter = "P14D",
            MaxEventAge = "P30D",
        },

        // The waiting phase. It starts on order.shipped, not order.placed: only then are the carrier and the tracking
        // link known, and it keeps the thank-you's promise to say when the order is on its way; a shop that sends no
        // order.shipped gets no such note. The two hours give the carrier time to register the parcel, so that the link
        // shows it. The condition measures from the purchase (order.placed_at, when the order.placed came first and
        // with a time; otherwise from the shipment, which is later, so the note is never sent for a shorter wait) and
        // asks for a day still to wait, so that it never arrives with the parcel or after a delivery date gone by.
        new Rule
        {
            Id = "while-you-wait",
            Description = "When delivery is three days or more after the purchase: what happens now, when the parcel should arrive and where to follow it, soon after it ships.",
            Trigger = EventTypes.OrderShipped,
            Condition = "order.expected_delivery_at && (order.expected_delivery_at - (order.placed_at ?? event.time)).total_days >= 3 && (order.expected_delivery_at - event.time).total_days >= 1",
            Delay = "PT2H",
            TemplateId = "while-you-wait",
            CancelOn = [EventTypes.OrderDelivered, EventTypes.OrderCancelled],
            Category = MessageCategory.Service,
            SendWindow = Window(EveryDay, "08:00", "21:00", skipHolidays: false),

            // Worth reading only while the parcel is still on its way.
            ExpiresAfter = "P2D",
            MaxEventAge = "P2D",
        },

        // Off until sales ops turn it on: a shop that already asks for a review five days after delivery may not want a
        // second question; one that does gets a score it can follow over time, two weeks in, when the product has been
        // used. It shares the feedback cap with the review request, so a customer never gets both in the same week.
        new Rule
        {
            Id = "nps-question",
            Description = "Asks how likely the customer is to recommend you (0–10) two weeks after delivery; a return or cancellation stops it. Off by default.",
            Trigger = EventTypes.OrderDelivered,
            Delay = "P14D",
            TemplateId = "nps-question",
            CancelOn = [EventTypes.OrderReturned, EventTypes.OrderCancelled],
            Category = MessageCategory.Feedback,
            Enabled = false,
            SendWindow = Window(["mon", "tue", "wed", "thu", "fri", "sat"], "10:00", "19:00", skipHolidays: true),
            ExpiresAfter = "P14D",
            MaxEventAge = "P45D",
        },
    ];

    private static IReadOnlyList<string> EveryDay => RuleSendWindow.DayNames;

    private static RuleSendWindow Window(IReadOnlyList<string> days, string from, string to, bool skipHolidays) =>
        new() { Days = days, From = from, To = to, SkipHolidays = skipHolidays };
}
