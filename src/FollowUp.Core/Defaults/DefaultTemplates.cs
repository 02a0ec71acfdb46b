using FollowUp.Templates;

namespace FollowUp.Defaults;

/// <summary>
/// The default templates, written in Norwegian Bokmål and English (Nynorsk falls back to Bokmål; Danish, Swedish and
/// everything else to English). They are plain, warm and short: a message a customer is glad to get.
/// </summary>
public static class DefaultTemplates
{
    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        Template("thank-you", "Order confirmation and thanks, sent soon after the purchase.", new()
        {
            ["nb"] = new(
                "Takk for bestillingen, {{ customer.first_name ?? \"og velkommen\" }}!",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Tusen takk for bestillingen! Vi har fått ordre <strong>{{ order.id }}</strong> og er allerede i gang med den.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Totalt</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>Vi sier fra så snart pakken er på vei. Er det noe som ikke stemmer, er det bare å svare på denne e-posten – det er et menneske som leser svaret.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Tusen takk for bestillingen! Vi har fått ordre {{ order.id }} og er allerede i gang med den.

                {{ for line in order.lines }}- {{ line.quantity }} × {{ line.name }}: {{ line.unit_price * line.quantity | money order.currency }}
                {{ end }}
                Totalt: {{ order.total | money order.currency }}

                Vi sier fra så snart pakken er på vei. Er det noe som ikke stemmer, er det bare å svare på denne e-posten – det er et menneske som leser svaret.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Thank you for your order, {{ customer.first_name ?? \"and welcome\" }}!",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>Thank you so much for your order! We have received order <strong>{{ order.id }}</strong> and are already getting it ready.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Total</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>We will let you know as soon as it is on its way. If anything is not right, just reply to this email – a real person reads every answer.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                Thank you so much for your order! We have received order {{ order.id }} and are already getting it ready.

                {{ for line in order.lines }}- {{ line.quantity }} × {{ line.name }}: {{ line.unit_price * line.quantity | money order.currency }}
                {{ end }}
                Total: {{ order.total | money order.currency }}

                We will let you know as soon as it is on its way. If anything is not right, just reply to this email – a real person reads every answer.

                Warm regards,
                {{ sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
        Template("review-request", "Asks how the order is working out, with one-click ratings, a few days after delivery.", new()
        {
            ["nb"] = new(
                "Hvordan går det med bestillingen din, {{ customer.first_name ?? \"kjære kunde\" }}?",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Nå har du hatt bestillingen din ({{ order.id }}) i noen dager. Vi er spent på hva du synes!</p>
                    <p>Hvor fornøyd er du? Ett klikk er nok:</p>
                    <p style="font-size:18px">
                    <a href="{{ answer_url "rating-5" "5 av 5" }}" aria-label="5 av 5 stjerner" title="5 av 5" style="text-decoration:none;color:#b45309">★★★★★</a><br>
                    <a href="{{ answer_url "rating-4" "4 av 5" }}" aria-label="4 av 5 stjerner" title="4 av 5" style="text-decoration:none;color:#b45309">★★★★☆</a><br>
                    <a href="{{ answer_url "rating-3" "3 av 5" }}" aria-label="3 av 5 stjerner" title="3 av 5" style="text-decoration:none;color:#b45309">★★★☆☆</a><br>
                    <a href="{{ answer_url "rating-2" "2 av 5" }}" aria-label="2 av 5 stjerner" title="2 av 5" style="text-decoration:none;color:#b45309">★★☆☆☆</a><br>
                    <a href="{{ answer_url "rating-1" "1 av 5" }}" aria-label="1 av 5 stjerner" title="1 av 5" style="text-decoration:none;color:#b45309">★☆☆☆☆</a>
                    </p>
                    {{ if order.review_url }}<p>Har du lyst til å skrive noen ord? <a href="{{ order.review_url }}">Skriv en anmeldelse</a> – det hjelper andre kunder å velge riktig.</p>{{ end }}
                    <p>Er noe ikke som det skal, svar på denne e-posten, så ordner vi det.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Nå har du hatt bestillingen din ({{ order.id }}) i noen dager. Vi er spent på hva du synes!

                Hvor fornøyd er du? Ett klikk er nok:
                5 av 5: {{ answer_url "rating-5" "5 av 5" }}
                4 av 5: {{ answer_url "rating-4" "4 av 5" }}
                3 av 5: {{ answer_url "rating-3" "3 av 5" }}
                2 av 5: {{ answer_url "rating-2" "2 av 5" }}
                1 av 5: {{ answer_url "rating-1" "1 av 5" }}
                {{ if order.review_url }}
                Har du lyst til å skrive noen ord? {{ order.review_url }}
                {{ end }}
                Er noe ikke som det skal, svar på denne e-posten, så ordner vi det.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "How is your order working out, {{ customer.first_name ?? \"dear customer\" }}?",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>You have had your order ({{ order.id }}) for a few days now, and we would love to know what you think!</p>
                    <p>How happy are you with it? One click is all it takes:</p>
                    <p style="font-size:18px">
                    <a href="{{ answer_url "rating-5" "5 of 5" }}" aria-label="5 out of 5 stars" title="5 of 5" style="text-decoration:none;color:#b45309">★★★★★</a><br>
                    <a href="{{ answer_url "rating-4" "4 of 5" }}" aria-label="4 out of 5 stars" title="4 of 5" style="text-decoration:none;color:#b45309">★★★★☆</a><br>
                    <a href="{{ answer_url "rating-3" "3 of 5" }}" aria-label="3 out of 5 stars" title="3 of 5" style="text-decoration:none;color:#b45309">★★★☆☆</a><br>
                    <a href="{{ answer_url "rating-2" "2 of 5" }}" aria-label="2 out of 5 stars" title="2 of 5" style="text-decoration:none;color:#b45309">★★☆☆☆</a><br>
                    <a href="{{ answer_url "rating-1" "1 of 5" }}" aria-label="1 out of 5 stars" title="1 of 5" style="text-decoration:none;color:#b45309">★☆☆☆☆</a>
                    </p>
                    {{ if order.review_url }}<p>Got a minute to say more? <a href="{{ order.review_url }}">Write a review</a> – it helps other customers choose well.</p>{{ end }}
                    <p>If something is not right, reply to this email and we will sort it out.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                You have had your order ({{ order.id }}) for a few days now, and we would love to know what you think!

                How happy are you with it? One click is all it takes:
                5 of 5: {{ answer_url "rating-5" "5 of 5" }}
                4 of 5: {{ answer_url "rating-4" "4 of 5" }}
                3 of 5: {{ answer_url "rating-3" "3 of 5" }}
                2 of 5: {{ answer_url "rating-2" "2 of 5" }}
                1 of 5: {{ answer_url "rating-1" "1 of 5" }}
                {{ if order.review_url }}
                Got a minute to say more? {{ order.review_url }}
                {{ end }}
                If something is not right, reply to this email and we will sort it out.

                Warm regards,
                {{ sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
        Template("loyalty-reward", "Thanks a returning customer with a personal coupon code.", new()
        {
            ["nb"] = new(
                "En liten takk fra oss, {{ customer.first_name ?? \"kjære kunde\" }}",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Dette er {{ customer.order_count }}. gang du handler hos oss, og det betyr mye for oss. Tusen takk for at du kommer tilbake!</p>
                    <p>Som en liten takk har du fått din egen rabattkode til neste bestilling:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Skriv den inn i kassen neste gang du handler. Koden er personlig og kan brukes én gang.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Dette er {{ customer.order_count }}. gang du handler hos oss, og det betyr mye for oss. Tusen takk for at du kommer tilbake!

                Som en liten takk har du fått din egen rabattkode til neste bestilling:

                    {{ message.coupon_code }}

                Skriv den inn i kassen neste gang du handler. Koden er personlig og kan brukes én gang.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "A little thank-you from us, {{ customer.first_name ?? \"dear customer\" }}",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>This is your order number {{ customer.order_count }} with us, and that means a lot to us. Thank you for coming back!</p>
                    <p>As a small thank-you, here is a personal discount code for your next order:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Enter it at checkout next time you shop with us. The code is yours alone and works once.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                This is your order number {{ customer.order_count }} with us, and that means a lot to us. Thank you for coming back!

                As a small thank-you, here is a personal discount code for your next order:

                    {{ message.coupon_code }}

                Enter it at checkout next time you shop with us. The code is yours alone and works once.

                Warm regards,
                {{ sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
        Template("lost-sale-survey", "Asks a lost prospect, from the deal owner, why they chose otherwise: one click per reason.", new()
        {
            ["nb"] = new(
                "Et kort spørsmål om {{ deal.title ?? \"tilbudet vårt\" }}",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Takk for at du vurderte oss{{ if deal.title }} for «{{ deal.title }}»{{ end }}. Jeg forstår at valget falt på noe annet denne gangen, og det er helt i orden.</p>
                    <p>Vil du hjelpe oss å bli bedre? Hva var viktigst for beslutningen? Ett klikk er nok:</p>
                    <ul style="line-height:2">
                    <li><a href="{{ answer_url "price" "Pris" }}">Pris</a></li>
                    <li><a href="{{ answer_url "product-fit" "Produktet passet ikke helt" }}">Produktet passet ikke helt</a></li>
                    <li><a href="{{ answer_url "timing" "Tidspunktet passet ikke" }}">Tidspunktet passet ikke</a></li>
                    <li><a href="{{ answer_url "competitor" "Vi valgte en annen leverandør" }}">Vi valgte en annen leverandør</a></li>
                    <li><a href="{{ answer_url "service" "Oppfølgingen fra oss" }}">Oppfølgingen fra oss</a></li>
                    <li><a href="{{ answer_url "other" "Noe annet" }}">Noe annet</a></li>
                    </ul>
                    <p>Vil du si mer, er det bare å svare på denne e-posten. Jeg leser alt selv.</p>
                    <p>Med vennlig hilsen<br>{{ deal.owner.name ?? sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Takk for at du vurderte oss{{ if deal.title }} for «{{ deal.title }}»{{ end }}. Jeg forstår at valget falt på noe annet denne gangen, og det er helt i orden.

                Vil du hjelpe oss å bli bedre? Hva var viktigst for beslutningen? Ett klikk er nok:

                Pris: {{ answer_url "price" }}
                Produktet passet ikke helt: {{ answer_url "product-fit" }}
                Tidspunktet passet ikke: {{ answer_url "timing" }}
                Vi valgte en annen leverandør: {{ answer_url "competitor" }}
                Oppfølgingen fra oss: {{ answer_url "service" }}
                Noe annet: {{ answer_url "other" }}

                Vil du si mer, er det bare å svare på denne e-posten. Jeg leser alt selv.

                Med vennlig hilsen
                {{ deal.owner.name ?? sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "A quick question about {{ deal.title ?? \"our proposal\" }}",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>Thank you for considering us{{ if deal.title }} for “{{ deal.title }}”{{ end }}. I understand you went another way this time, and that is completely fine.</p>
                    <p>Would you help us get better? What mattered most in your decision? One click is enough:</p>
                    <ul style="line-height:2">
                    <li><a href="{{ answer_url "price" "Price" }}">Price</a></li>
                    <li><a href="{{ answer_url "product-fit" "The product was not quite the right fit" }}">The product was not quite the right fit</a></li>
                    <li><a href="{{ answer_url "timing" "The timing was not right" }}">The timing was not right</a></li>
                    <li><a href="{{ answer_url "competitor" "We chose another supplier" }}">We chose another supplier</a></li>
                    <li><a href="{{ answer_url "service" "Our follow-up and service" }}">Our follow-up and service</a></li>
                    <li><a href="{{ answer_url "other" "Something else" }}">Something else</a></li>
                    </ul>
                    <p>If you would like to say more, just reply to this email. I read every answer myself.</p>
                    <p>Kind regards,<br>{{ deal.owner.name ?? sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                Thank you for considering us{{ if deal.title }} for “{{ deal.title }}”{{ end }}. I understand you went another way this time, and that is completely fine.

                Would you help us get better? What mattered most in your decision? One click is enough:

                Price: {{ answer_url "price" }}
                The product was not quite the right fit: {{ answer_url "product-fit" }}
                The timing was not right: {{ answer_url "timing" }}
                We chose another supplier: {{ answer_url "competitor" }}
                Our follow-up and service: {{ answer_url "service" }}
                Something else: {{ answer_url "other" }}

                If you would like to say more, just reply to this email. I read every answer myself.

                Kind regards,
                {{ deal.owner.name ?? sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
        Template("while-you-wait", "While the parcel is on its way: what happens now, when it should arrive, and where to follow it.", new()
        {
            ["nb"] = new(
                "Bestillingen din er på vei, {{ customer.first_name ?? \"kjære kunde\" }}",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Nå er bestillingen din ({{ order.id }}) på vei til deg{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakket den og sendt den av gårde, så nå er det bare å glede seg.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Forventet levert<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}</a> – der ser du hvor den er akkurat nå.</p>{{ end }}
                    <p>Du trenger ikke gjøre noe før den kommer. Lurer du på noe i mellomtiden, er det bare å svare på denne e-posten, så hjelper vi deg.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Nå er bestillingen din ({{ order.id }}) på vei til deg{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakket den og sendt den av gårde, så nå er det bare å glede seg.
                {{ if order.expected_delivery_at }}
                Forventet levert: {{ order.expected_delivery_at | local_date }}
                {{ end }}{{ if order.tracking_url | web_url }}
                Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}: {{ order.tracking_url | web_url }}
                {{ end }}
                Du trenger ikke gjøre noe før den kommer. Lurer du på noe i mellomtiden, er det bare å svare på denne e-posten, så hjelper vi deg.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Your order is on its way, {{ customer.first_name ?? \"dear customer\" }}",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>Your order ({{ order.id }}) is on its way to you{{ if order.carrier }} with {{ order.carrier }}{{ end }}. We have packed it and sent it off, so all that is left is to look forward to it.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Expected delivery<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Track your parcel{{ if order.carrier }} with {{ order.carrier }}{{ end }}</a> to see where it is right now.</p>{{ end }}
                    <p>There is nothing you need to do before it arrives. If you have any questions in the meantime, just reply to this email and we will help.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                Your order ({{ order.id }}) is on its way to you{{ if order.carrier }} with {{ order.carrier }}{{ end }}. We have packed it and sent it off, so all that is left is to look forward to it.
                {{ if order.expected_delivery_at }}
                Expected delivery: {{ order.expected_delivery_at | local_date }}
                {{ end }}{{ if order.tracking_url | web_url }}
                Track your parcel{{ if order.carrier }} with {{ order.carrier }}{{ end }}: {{ order.tracking_url | web_url }}
                {{ end }}
                There is nothing you need to do before it arrives. If you have any questions in the meantime, just reply to this email and we will help.

                Warm regards,
                {{ sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
        Template("nps-question", "Asks how likely the customer is to recommend you, 0 to 10, a couple of weeks after delivery.", new()
        {
            ["nb"] = new(
                "Vil du anbefale oss, {{ customer.first_name ?? \"kjære kunde\" }}?",
                Layout("nb", """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Et kort spørsmål, så lover vi å ikke mase: Hvor sannsynlig er det at du vil anbefale {{ sender.name }} til en venn eller kollega?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} av 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = slett ikke sannsynlig, 10 = svært sannsynlig</p>
                    <p>Etter klikket kan du skrive noen ord om hvorfor, om du vil. Vi leser alt.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """),
                """
                Hei {{ customer.first_name }},

                Et kort spørsmål, så lover vi å ikke mase: Hvor sannsynlig er det at du vil anbefale {{ sender.name }} til en venn eller kollega? (0 = slett ikke sannsynlig, 10 = svært sannsynlig)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                Etter klikket kan du skrive noen ord om hvorfor, om du vil. Vi leser alt.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Would you recommend us, {{ customer.first_name ?? \"dear customer\" }}?",
                Layout("en", """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>One quick question, and we promise not to nag: how likely are you to recommend {{ sender.name }} to a friend or colleague?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} out of 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = not at all likely, 10 = extremely likely</p>
                    <p>After the click you can tell us why in a few words, if you like. We read every one.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """),
                """
                Hi {{ customer.first_name }},

                One quick question, and we promise not to nag: how likely are you to recommend {{ sender.name }} to a friend or colleague? (0 = not at all likely, 10 = extremely likely)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                After the click you can tell us why in a few words, if you like. We read every one.

                Warm regards,
                {{ sender.name }}

                Rather not get emails like this? Unsubscribe: {{ unsubscribe_url }}
                """),
        }),
    ];

    private static MessageTemplate Template(string id, string description, Dictionary<string, TemplateContent> locales) =>
        new() { Id = id, Description = description, Locales = locales };

    /// <summary>A plain, mobile-friendly frame with the unsubscribe link every message must carry.</summary>
    private static string Layout(string lang, string body)
    {
        var footer = lang == "nb"
            ? """Du får denne e-posten fordi du har vært i kontakt med {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#6b7280">Meld deg av</a>."""
            : """You are getting this email because you have been in touch with {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#6b7280">Unsubscribe</a>.""";
        return $"""
            <!doctype html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="margin:0;padding:0;background:#f5f5f4">
            <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">
            {body}
            </div>
            <p style="max-width:560px;margin:0 auto;padding:16px 24px;font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#6b7280">{footer}</p>
            </body>
            </html>
            """;
    }
}
