using FollowUp.Templates;

namespace FollowUp.Defaults;

/// <summary>
/// The default templates, written in Norwegian Bokmål ("nb"), Nynorsk ("nn"), Danish ("da"), Swedish ("sv") and English
/// ("en"); every other language falls back to English. They are plain, warm and short: a message a customer is glad
/// to get.
/// </summary>
public static class DefaultTemplates
{
    /// <summary>The layout every default message sits in.</summary>
    public const string LayoutId = "default-layout";

    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        new MessageTemplate
        {
            Id = LayoutId,
            Description = "The frame around every default message: a white card on a light page, and a footer in the message's language with the unsubscribe link.",
            Kind = TemplateKind.Layout,
            Locales = new Dictionary<string, TemplateContent>
            {
                ["nb"] = new(string.Empty, Frame("nb"), "{{ content }}"),
                ["nn"] = new(string.Empty, Frame("nn"), "{{ content }}"),
                ["da"] = new(string.Empty, Frame("da"), "{{ content }}"),
                ["sv"] = new(string.Empty, Frame("sv"), "{{ content }}"),
                ["en"] = new(string.Empty, Frame("en"), "{{ content }}"),
            },
        },
        Template("thank-you", "Order confirmation and thanks, sent soon after the purchase.", new()
        {
            ["nb"] = new(
                "Takk for bestillingen, {{ customer.first_name ?? \"og velkommen\" }}!",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Tusen takk for bestillingen! Vi har fått ordre <strong>{{ order.id }}</strong> og er allerede i gang med den.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Totalt</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>Vi sier fra så snart pakken er på vei. Er det noe som ikke stemmer, er det bare å svare på denne e-posten – det er et menneske som leser svaret.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """,
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
            ["nn"] = new(
                "Takk for bestillinga, {{ customer.first_name ?? \"og velkomen\" }}!",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Tusen takk for bestillinga! Vi har fått ordre <strong>{{ order.id }}</strong> og har alt sett i gang.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Til saman</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>Vi seier frå så snart pakken er på veg. Er det noko som ikkje stemmer, er det berre å svare på denne e-posten – det er eit menneske som les svaret.</p>
                    <p>Helsing oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Tusen takk for bestillinga! Vi har fått ordre {{ order.id }} og har alt sett i gang.

                {{ for line in order.lines }}- {{ line.quantity }} × {{ line.name }}: {{ line.unit_price * line.quantity | money order.currency }}
                {{ end }}
                Til saman: {{ order.total | money order.currency }}

                Vi seier frå så snart pakken er på veg. Er det noko som ikkje stemmer, er det berre å svare på denne e-posten – det er eit menneske som les svaret.

                Helsing oss i {{ sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "Tak for din bestilling, {{ customer.first_name ?? \"og velkommen\" }}!",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Tusind tak for din bestilling! Vi har modtaget ordre <strong>{{ order.id }}</strong> og er allerede i gang med den.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>I alt</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>Vi giver besked, så snart pakken er på vej. Er der noget, der ikke stemmer, så svar bare på denne mail – det er et menneske, der læser dit svar.</p>
                    <p>Venlig hilsen<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Tusind tak for din bestilling! Vi har modtaget ordre {{ order.id }} og er allerede i gang med den.

                {{ for line in order.lines }}- {{ line.quantity }} × {{ line.name }}: {{ line.unit_price * line.quantity | money order.currency }}
                {{ end }}
                I alt: {{ order.total | money order.currency }}

                Vi giver besked, så snart pakken er på vej. Er der noget, der ikke stemmer, så svar bare på denne mail – det er et menneske, der læser dit svar.

                Venlig hilsen
                {{ sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "Tack för din beställning, {{ customer.first_name ?? \"och välkommen\" }}!",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Tack så mycket för din beställning! Vi har tagit emot order <strong>{{ order.id }}</strong> och är redan i full gång med den.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Totalt</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>Vi hör av oss så fort paketet är på väg. Är det något som inte stämmer är det bara att svara på det här mejlet – det är en riktig människa som läser svaret.</p>
                    <p>Vänliga hälsningar<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Tack så mycket för din beställning! Vi har tagit emot order {{ order.id }} och är redan i full gång med den.

                {{ for line in order.lines }}- {{ line.quantity }} × {{ line.name }}: {{ line.unit_price * line.quantity | money order.currency }}
                {{ end }}
                Totalt: {{ order.total | money order.currency }}

                Vi hör av oss så fort paketet är på väg. Är det något som inte stämmer är det bara att svara på det här mejlet – det är en riktig människa som läser svaret.

                Vänliga hälsningar
                {{ sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Thank you for your order, {{ customer.first_name ?? \"and welcome\" }}!",
                """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>Thank you so much for your order! We have received order <strong>{{ order.id }}</strong> and are already getting it ready.</p>
                    <table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
                    {{ for line in order.lines }}<tr><td style="padding:4px 0">{{ line.quantity }} × {{ line.name }}</td><td style="padding:4px 0;text-align:right">{{ line.unit_price * line.quantity | money order.currency }}</td></tr>
                    {{ end }}<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Total</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>{{ order.total | money order.currency }}</strong></td></tr>
                    </table>
                    <p>We will let you know as soon as it is on its way. If anything is not right, just reply to this email – a real person reads every answer.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """,
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
                """
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
                    """,
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
            ["nn"] = new(
                "Korleis går det med bestillinga di, {{ customer.first_name ?? \"kjære kunde\" }}?",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>No har du hatt bestillinga di ({{ order.id }}) i nokre dagar. Vi er spente på kva du synest!</p>
                    <p>Kor nøgd er du? Eitt klikk er nok:</p>
                    <p style="font-size:18px">
                    <a href="{{ answer_url "rating-5" "5 av 5" }}" aria-label="5 av 5 stjerner" title="5 av 5" style="text-decoration:none;color:#b45309">★★★★★</a><br>
                    <a href="{{ answer_url "rating-4" "4 av 5" }}" aria-label="4 av 5 stjerner" title="4 av 5" style="text-decoration:none;color:#b45309">★★★★☆</a><br>
                    <a href="{{ answer_url "rating-3" "3 av 5" }}" aria-label="3 av 5 stjerner" title="3 av 5" style="text-decoration:none;color:#b45309">★★★☆☆</a><br>
                    <a href="{{ answer_url "rating-2" "2 av 5" }}" aria-label="2 av 5 stjerner" title="2 av 5" style="text-decoration:none;color:#b45309">★★☆☆☆</a><br>
                    <a href="{{ answer_url "rating-1" "1 av 5" }}" aria-label="1 av 5 stjerner" title="1 av 5" style="text-decoration:none;color:#b45309">★☆☆☆☆</a>
                    </p>
                    {{ if order.review_url }}<p>Har du lyst til å skrive nokre ord? <a href="{{ order.review_url }}">Skriv ein omtale</a> – det hjelper andre kundar å velje rett.</p>{{ end }}
                    <p>Er noko ikkje som det skal vere, svar på denne e-posten, så ordnar vi det.</p>
                    <p>Helsing oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                No har du hatt bestillinga di ({{ order.id }}) i nokre dagar. Vi er spente på kva du synest!

                Kor nøgd er du? Eitt klikk er nok:
                5 av 5: {{ answer_url "rating-5" "5 av 5" }}
                4 av 5: {{ answer_url "rating-4" "4 av 5" }}
                3 av 5: {{ answer_url "rating-3" "3 av 5" }}
                2 av 5: {{ answer_url "rating-2" "2 av 5" }}
                1 av 5: {{ answer_url "rating-1" "1 av 5" }}
                {{ if order.review_url }}
                Har du lyst til å skrive nokre ord? {{ order.review_url }}
                {{ end }}
                Er noko ikkje som det skal vere, svar på denne e-posten, så ordnar vi det.

                Helsing oss i {{ sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "Hvordan går det med din bestilling, {{ customer.first_name ?? \"kære kunde\" }}?",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Nu har du haft din bestilling ({{ order.id }}) i nogle dage. Vi er spændte på, hvad du synes!</p>
                    <p>Hvor tilfreds er du? Et enkelt klik er nok:</p>
                    <p style="font-size:18px">
                    <a href="{{ answer_url "rating-5" "5 ud af 5" }}" aria-label="5 ud af 5 stjerner" title="5 ud af 5" style="text-decoration:none;color:#b45309">★★★★★</a><br>
                    <a href="{{ answer_url "rating-4" "4 ud af 5" }}" aria-label="4 ud af 5 stjerner" title="4 ud af 5" style="text-decoration:none;color:#b45309">★★★★☆</a><br>
                    <a href="{{ answer_url "rating-3" "3 ud af 5" }}" aria-label="3 ud af 5 stjerner" title="3 ud af 5" style="text-decoration:none;color:#b45309">★★★☆☆</a><br>
                    <a href="{{ answer_url "rating-2" "2 ud af 5" }}" aria-label="2 ud af 5 stjerner" title="2 ud af 5" style="text-decoration:none;color:#b45309">★★☆☆☆</a><br>
                    <a href="{{ answer_url "rating-1" "1 ud af 5" }}" aria-label="1 ud af 5 stjerner" title="1 ud af 5" style="text-decoration:none;color:#b45309">★☆☆☆☆</a>
                    </p>
                    {{ if order.review_url }}<p>Har du lyst til at skrive et par ord? <a href="{{ order.review_url }}">Skriv en anmeldelse</a> – det hjælper andre kunder med at vælge rigtigt.</p>{{ end }}
                    <p>Er der noget, der ikke er, som det skal være, så svar på denne mail, så ordner vi det.</p>
                    <p>Venlig hilsen<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Nu har du haft din bestilling ({{ order.id }}) i nogle dage. Vi er spændte på, hvad du synes!

                Hvor tilfreds er du? Et enkelt klik er nok:
                5 ud af 5: {{ answer_url "rating-5" "5 ud af 5" }}
                4 ud af 5: {{ answer_url "rating-4" "4 ud af 5" }}
                3 ud af 5: {{ answer_url "rating-3" "3 ud af 5" }}
                2 ud af 5: {{ answer_url "rating-2" "2 ud af 5" }}
                1 ud af 5: {{ answer_url "rating-1" "1 ud af 5" }}
                {{ if order.review_url }}
                Har du lyst til at skrive et par ord? {{ order.review_url }}
                {{ end }}
                Er der noget, der ikke er, som det skal være, så svar på denne mail, så ordner vi det.

                Venlig hilsen
                {{ sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "Hur går det med din beställning, {{ customer.first_name ?? \"kära kund\" }}?",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Nu har du haft din beställning ({{ order.id }}) i några dagar. Vi är nyfikna på vad du tycker!</p>
                    <p>Hur nöjd är du? Ett klick räcker:</p>
                    <p style="font-size:18px">
                    <a href="{{ answer_url "rating-5" "5 av 5" }}" aria-label="5 av 5 stjärnor" title="5 av 5" style="text-decoration:none;color:#b45309">★★★★★</a><br>
                    <a href="{{ answer_url "rating-4" "4 av 5" }}" aria-label="4 av 5 stjärnor" title="4 av 5" style="text-decoration:none;color:#b45309">★★★★☆</a><br>
                    <a href="{{ answer_url "rating-3" "3 av 5" }}" aria-label="3 av 5 stjärnor" title="3 av 5" style="text-decoration:none;color:#b45309">★★★☆☆</a><br>
                    <a href="{{ answer_url "rating-2" "2 av 5" }}" aria-label="2 av 5 stjärnor" title="2 av 5" style="text-decoration:none;color:#b45309">★★☆☆☆</a><br>
                    <a href="{{ answer_url "rating-1" "1 av 5" }}" aria-label="1 av 5 stjärnor" title="1 av 5" style="text-decoration:none;color:#b45309">★☆☆☆☆</a>
                    </p>
                    {{ if order.review_url }}<p>Vill du skriva några ord? <a href="{{ order.review_url }}">Skriv ett omdöme</a> – det hjälper andra kunder att välja rätt.</p>{{ end }}
                    <p>Om något inte är som det ska, svara på det här mejlet så ordnar vi det.</p>
                    <p>Vänliga hälsningar<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Nu har du haft din beställning ({{ order.id }}) i några dagar. Vi är nyfikna på vad du tycker!

                Hur nöjd är du? Ett klick räcker:
                5 av 5: {{ answer_url "rating-5" "5 av 5" }}
                4 av 5: {{ answer_url "rating-4" "4 av 5" }}
                3 av 5: {{ answer_url "rating-3" "3 av 5" }}
                2 av 5: {{ answer_url "rating-2" "2 av 5" }}
                1 av 5: {{ answer_url "rating-1" "1 av 5" }}
                {{ if order.review_url }}
                Vill du skriva några ord? {{ order.review_url }}
                {{ end }}
                Om något inte är som det ska, svara på det här mejlet så ordnar vi det.

                Vänliga hälsningar
                {{ sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "How is your order working out, {{ customer.first_name ?? \"dear customer\" }}?",
                """
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
                    """,
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
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Dette er {{ customer.order_count }}. gang du handler hos oss, og det betyr mye for oss. Tusen takk for at du kommer tilbake!</p>
                    <p>Som en liten takk har du fått din egen rabattkode til neste bestilling:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Skriv den inn i kassen neste gang du handler. Koden er personlig og kan brukes én gang.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Dette er {{ customer.order_count }}. gang du handler hos oss, og det betyr mye for oss. Tusen takk for at du kommer tilbake!

                Som en liten takk har du fått din egen rabattkode til neste bestilling:

                    {{ message.coupon_code }}

                Skriv den inn i kassen neste gang du handler. Koden er personlig og kan brukes én gang.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["nn"] = new(
                "Ei lita helsing frå oss, {{ customer.first_name ?? \"kjære kunde\" }}",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Dette er {{ customer.order_count }}. gong du handlar hos oss, og det betyr mykje for oss. Tusen takk for at du kjem tilbake!</p>
                    <p>Som takk har du fått din eigen rabattkode til neste bestilling:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Skriv inn koden i kassa neste gong du handlar. Han er personleg og kan brukast éin gong.</p>
                    <p>Helsing oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Dette er {{ customer.order_count }}. gong du handlar hos oss, og det betyr mykje for oss. Tusen takk for at du kjem tilbake!

                Som takk har du fått din eigen rabattkode til neste bestilling:

                    {{ message.coupon_code }}

                Skriv inn koden i kassa neste gong du handlar. Han er personleg og kan brukast éin gong.

                Helsing oss i {{ sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "En lille tak fra os, {{ customer.first_name ?? \"kære kunde\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Det er {{ customer.order_count }}. gang, du handler hos os, og det betyder meget for os. Tusind tak, fordi du kommer tilbage!</p>
                    <p>Som en lille tak har du fået din egen rabatkode til næste bestilling:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Indtast den ved betalingen, næste gang du handler. Koden er personlig og kan bruges én gang.</p>
                    <p>Venlig hilsen<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Det er {{ customer.order_count }}. gang, du handler hos os, og det betyder meget for os. Tusind tak, fordi du kommer tilbage!

                Som en lille tak har du fået din egen rabatkode til næste bestilling:

                    {{ message.coupon_code }}

                Indtast den ved betalingen, næste gang du handler. Koden er personlig og kan bruges én gang.

                Venlig hilsen
                {{ sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "Ett litet tack från oss, {{ customer.first_name ?? \"kära kund\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Nu har du handlat hos oss {{ customer.order_count }} gånger, och det betyder mycket för oss. Tack för att du kommer tillbaka!</p>
                    <p>Som ett litet tack får du en egen rabattkod till nästa beställning:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Ange den i kassan nästa gång du handlar. Koden är personlig och kan användas en gång.</p>
                    <p>Vänliga hälsningar<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Nu har du handlat hos oss {{ customer.order_count }} gånger, och det betyder mycket för oss. Tack för att du kommer tillbaka!

                Som ett litet tack får du en egen rabattkod till nästa beställning:

                    {{ message.coupon_code }}

                Ange den i kassan nästa gång du handlar. Koden är personlig och kan användas en gång.

                Vänliga hälsningar
                {{ sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "A little thank-you from us, {{ customer.first_name ?? \"dear customer\" }}",
                """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>This is your order number {{ customer.order_count }} with us, and that means a lot to us. Thank you for coming back!</p>
                    <p>As a small thank-you, here is a personal discount code for your next order:</p>
                    <p style="font-size:22px;font-weight:bold;letter-spacing:2px;padding:12px;border:2px dashed #1f6feb;text-align:center">{{ message.coupon_code }}</p>
                    <p>Enter it at checkout next time you shop with us. The code is yours alone and works once.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """,
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
                """
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
                    """,
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
            ["nn"] = new(
                "Eit kort spørsmål om {{ deal.title ?? \"tilbodet vårt\" }}",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Takk for at du vurderte oss{{ if deal.title }} for «{{ deal.title }}»{{ end }}. Eg forstår at valet fall på noko anna denne gongen, og det er heilt i orden.</p>
                    <p>Vil du hjelpe oss å bli betre? Kva var viktigast for avgjerda? Eitt klikk er nok:</p>
                    <ul style="line-height:2">
                    <li><a href="{{ answer_url "price" "Pris" }}">Pris</a></li>
                    <li><a href="{{ answer_url "product-fit" "Produktet passa ikkje heilt" }}">Produktet passa ikkje heilt</a></li>
                    <li><a href="{{ answer_url "timing" "Tidspunktet passa ikkje" }}">Tidspunktet passa ikkje</a></li>
                    <li><a href="{{ answer_url "competitor" "Vi valde ein annan leverandør" }}">Vi valde ein annan leverandør</a></li>
                    <li><a href="{{ answer_url "service" "Oppfølginga frå oss" }}">Oppfølginga frå oss</a></li>
                    <li><a href="{{ answer_url "other" "Noko anna" }}">Noko anna</a></li>
                    </ul>
                    <p>Vil du seie meir, er det berre å svare på denne e-posten. Eg les alt sjølv.</p>
                    <p>Med venleg helsing<br>{{ deal.owner.name ?? sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Takk for at du vurderte oss{{ if deal.title }} for «{{ deal.title }}»{{ end }}. Eg forstår at valet fall på noko anna denne gongen, og det er heilt i orden.

                Vil du hjelpe oss å bli betre? Kva var viktigast for avgjerda? Eitt klikk er nok:

                Pris: {{ answer_url "price" }}
                Produktet passa ikkje heilt: {{ answer_url "product-fit" }}
                Tidspunktet passa ikkje: {{ answer_url "timing" }}
                Vi valde ein annan leverandør: {{ answer_url "competitor" }}
                Oppfølginga frå oss: {{ answer_url "service" }}
                Noko anna: {{ answer_url "other" }}

                Vil du seie meir, er det berre å svare på denne e-posten. Eg les alt sjølv.

                Med venleg helsing
                {{ deal.owner.name ?? sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "Et kort spørgsmål om {{ deal.title ?? \"vores tilbud\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Tak, fordi du overvejede os{{ if deal.title }} til »{{ deal.title }}«{{ end }}. Jeg forstår godt, at valget faldt på noget andet denne gang, og det er helt i orden.</p>
                    <p>Vil du hjælpe os med at blive bedre? Hvad betød mest for din beslutning? Et enkelt klik er nok:</p>
                    <ul style="line-height:2">
                    <li><a href="{{ answer_url "price" "Pris" }}">Pris</a></li>
                    <li><a href="{{ answer_url "product-fit" "Produktet passede ikke helt" }}">Produktet passede ikke helt</a></li>
                    <li><a href="{{ answer_url "timing" "Tidspunktet passede ikke" }}">Tidspunktet passede ikke</a></li>
                    <li><a href="{{ answer_url "competitor" "Vi valgte en anden leverandør" }}">Vi valgte en anden leverandør</a></li>
                    <li><a href="{{ answer_url "service" "Vores opfølgning og service" }}">Vores opfølgning og service</a></li>
                    <li><a href="{{ answer_url "other" "Noget andet" }}">Noget andet</a></li>
                    </ul>
                    <p>Har du lyst til at sige mere, så svar bare på denne mail. Jeg læser selv alle svar.</p>
                    <p>Med venlig hilsen<br>{{ deal.owner.name ?? sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Tak, fordi du overvejede os{{ if deal.title }} til »{{ deal.title }}«{{ end }}. Jeg forstår godt, at valget faldt på noget andet denne gang, og det er helt i orden.

                Vil du hjælpe os med at blive bedre? Hvad betød mest for din beslutning? Et enkelt klik er nok:

                Pris: {{ answer_url "price" }}
                Produktet passede ikke helt: {{ answer_url "product-fit" }}
                Tidspunktet passede ikke: {{ answer_url "timing" }}
                Vi valgte en anden leverandør: {{ answer_url "competitor" }}
                Vores opfølgning og service: {{ answer_url "service" }}
                Noget andet: {{ answer_url "other" }}

                Har du lyst til at sige mere, så svar bare på denne mail. Jeg læser selv alle svar.

                Med venlig hilsen
                {{ deal.owner.name ?? sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "En kort fråga om {{ deal.title ?? \"vårt erbjudande\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Tack för att du övervägde oss{{ if deal.title }} för ”{{ deal.title }}”{{ end }}. Jag förstår att valet föll på något annat den här gången, och det är helt i sin ordning.</p>
                    <p>Vill du hjälpa oss att bli bättre? Vad var viktigast för ditt beslut? Ett klick räcker:</p>
                    <ul style="line-height:2">
                    <li><a href="{{ answer_url "price" "Pris" }}">Pris</a></li>
                    <li><a href="{{ answer_url "product-fit" "Produkten passade inte riktigt" }}">Produkten passade inte riktigt</a></li>
                    <li><a href="{{ answer_url "timing" "Tidpunkten passade inte" }}">Tidpunkten passade inte</a></li>
                    <li><a href="{{ answer_url "competitor" "Vi valde en annan leverantör" }}">Vi valde en annan leverantör</a></li>
                    <li><a href="{{ answer_url "service" "Vår uppföljning och service" }}">Vår uppföljning och service</a></li>
                    <li><a href="{{ answer_url "other" "Något annat" }}">Något annat</a></li>
                    </ul>
                    <p>Vill du berätta mer är det bara att svara på det här mejlet. Jag läser allt själv.</p>
                    <p>Vänliga hälsningar<br>{{ deal.owner.name ?? sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Tack för att du övervägde oss{{ if deal.title }} för ”{{ deal.title }}”{{ end }}. Jag förstår att valet föll på något annat den här gången, och det är helt i sin ordning.

                Vill du hjälpa oss att bli bättre? Vad var viktigast för ditt beslut? Ett klick räcker:

                Pris: {{ answer_url "price" }}
                Produkten passade inte riktigt: {{ answer_url "product-fit" }}
                Tidpunkten passade inte: {{ answer_url "timing" }}
                Vi valde en annan leverantör: {{ answer_url "competitor" }}
                Vår uppföljning och service: {{ answer_url "service" }}
                Något annat: {{ answer_url "other" }}

                Vill du berätta mer är det bara att svara på det här mejlet. Jag läser allt själv.

                Vänliga hälsningar
                {{ deal.owner.name ?? sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "A quick question about {{ deal.title ?? \"our proposal\" }}",
                """
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
                    """,
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
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Nå er bestillingen din ({{ order.id }}) på vei til deg{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakket den og sendt den av gårde, så nå er det bare å glede seg.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Forventet levert<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}</a> – der ser du hvor den er akkurat nå.</p>{{ end }}
                    <p>Du trenger ikke gjøre noe før den kommer. Lurer du på noe i mellomtiden, er det bare å svare på denne e-posten, så hjelper vi deg.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """,
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
            ["nn"] = new(
                "Bestillinga di er på veg, {{ customer.first_name ?? \"kjære kunde\" }}",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>No er bestillinga di ({{ order.id }}) på veg til deg{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakka ho og sendt ho av garde, så no er det berre å gle seg.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Venta levert<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}</a> – der ser du kvar han er akkurat no.</p>{{ end }}
                    <p>Du treng ikkje gjere noko før pakken kjem. Lurer du på noko i mellomtida, er det berre å svare på denne e-posten, så hjelper vi deg.</p>
                    <p>Helsing oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                No er bestillinga di ({{ order.id }}) på veg til deg{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakka ho og sendt ho av garde, så no er det berre å gle seg.
                {{ if order.expected_delivery_at }}
                Venta levert: {{ order.expected_delivery_at | local_date }}
                {{ end }}{{ if order.tracking_url | web_url }}
                Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}: {{ order.tracking_url | web_url }}
                {{ end }}
                Du treng ikkje gjere noko før pakken kjem. Lurer du på noko i mellomtida, er det berre å svare på denne e-posten, så hjelper vi deg.

                Helsing oss i {{ sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "Din bestilling er på vej, {{ customer.first_name ?? \"kære kunde\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Nu er din bestilling ({{ order.id }}) på vej til dig{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakket den og sendt den af sted, så nu skal du bare glæde dig.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Forventet levering<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}</a> – så kan du se, hvor den er lige nu.</p>{{ end }}
                    <p>Du behøver ikke at gøre noget, før pakken kommer. Har du spørgsmål i mellemtiden, så svar bare på denne mail, så hjælper vi dig.</p>
                    <p>Venlig hilsen<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Nu er din bestilling ({{ order.id }}) på vej til dig{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har pakket den og sendt den af sted, så nu skal du bare glæde dig.
                {{ if order.expected_delivery_at }}
                Forventet levering: {{ order.expected_delivery_at | local_date }}
                {{ end }}{{ if order.tracking_url | web_url }}
                Følg pakken{{ if order.carrier }} hos {{ order.carrier }}{{ end }}: {{ order.tracking_url | web_url }}
                {{ end }}
                Du behøver ikke at gøre noget, før pakken kommer. Har du spørgsmål i mellemtiden, så svar bare på denne mail, så hjælper vi dig.

                Venlig hilsen
                {{ sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "Din beställning är på väg, {{ customer.first_name ?? \"kära kund\" }}",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Nu är din beställning ({{ order.id }}) på väg till dig{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har packat den och skickat i väg den, så nu är det bara att se fram emot den.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Beräknad leverans<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Följ paketet{{ if order.carrier }} hos {{ order.carrier }}{{ end }}</a> – där ser du var det är just nu.</p>{{ end }}
                    <p>Du behöver inte göra något innan paketet kommer. Undrar du något under tiden är det bara att svara på det här mejlet, så hjälper vi dig.</p>
                    <p>Vänliga hälsningar<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Nu är din beställning ({{ order.id }}) på väg till dig{{ if order.carrier }} med {{ order.carrier }}{{ end }}. Vi har packat den och skickat i väg den, så nu är det bara att se fram emot den.
                {{ if order.expected_delivery_at }}
                Beräknad leverans: {{ order.expected_delivery_at | local_date }}
                {{ end }}{{ if order.tracking_url | web_url }}
                Följ paketet{{ if order.carrier }} hos {{ order.carrier }}{{ end }}: {{ order.tracking_url | web_url }}
                {{ end }}
                Du behöver inte göra något innan paketet kommer. Undrar du något under tiden är det bara att svara på det här mejlet, så hjälper vi dig.

                Vänliga hälsningar
                {{ sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Your order is on its way, {{ customer.first_name ?? \"dear customer\" }}",
                """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>Your order ({{ order.id }}) is on its way to you{{ if order.carrier }} with {{ order.carrier }}{{ end }}. We have packed it and sent it off, so all that is left is to look forward to it.</p>
                    {{ if order.expected_delivery_at }}<p style="padding:12px 16px;border-left:4px solid #1f6feb;background:#f3f6fc">Expected delivery<br><strong style="font-size:18px">{{ order.expected_delivery_at | local_date }}</strong></p>{{ end }}
                    {{ if order.tracking_url | web_url }}<p><a href="{{ order.tracking_url | web_url }}">Track your parcel{{ if order.carrier }} with {{ order.carrier }}{{ end }}</a> to see where it is right now.</p>{{ end }}
                    <p>There is nothing you need to do before it arrives. If you have any questions in the meantime, just reply to this email and we will help.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """,
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
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Et kort spørsmål, så lover vi å ikke mase: Hvor sannsynlig er det at du vil anbefale {{ sender.name }} til en venn eller kollega?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} av 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = slett ikke sannsynlig, 10 = svært sannsynlig</p>
                    <p>Etter klikket kan du skrive noen ord om hvorfor, om du vil. Vi leser alt.</p>
                    <p>Hilsen oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Et kort spørsmål, så lover vi å ikke mase: Hvor sannsynlig er det at du vil anbefale {{ sender.name }} til en venn eller kollega? (0 = slett ikke sannsynlig, 10 = svært sannsynlig)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                Etter klikket kan du skrive noen ord om hvorfor, om du vil. Vi leser alt.

                Hilsen oss i {{ sender.name }}

                Vil du ikke ha slike e-poster? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["nn"] = new(
                "Vil du tilrå oss, {{ customer.first_name ?? \"kjære kunde\" }}?",
                """
                    <p>Hei {{ customer.first_name }},</p>
                    <p>Eit kort spørsmål, så lovar vi å ikkje mase: Kor sannsynleg er det at du vil tilrå {{ sender.name }} til ein ven eller kollega?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} av 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = slett ikkje sannsynleg, 10 = svært sannsynleg</p>
                    <p>Etter klikket kan du skrive nokre ord om kvifor, om du vil. Vi les alt.</p>
                    <p>Helsing oss i {{ sender.name }}</p>
                    """,
                """
                Hei {{ customer.first_name }},

                Eit kort spørsmål, så lovar vi å ikkje mase: Kor sannsynleg er det at du vil tilrå {{ sender.name }} til ein ven eller kollega? (0 = slett ikkje sannsynleg, 10 = svært sannsynleg)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                Etter klikket kan du skrive nokre ord om kvifor, om du vil. Vi les alt.

                Helsing oss i {{ sender.name }}

                Vil du ikkje ha slike e-postar? Meld deg av her: {{ unsubscribe_url }}
                """),
            ["da"] = new(
                "Vil du anbefale os, {{ customer.first_name ?? \"kære kunde\" }}?",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>Et hurtigt spørgsmål, og så lover vi ikke at plage dig mere: Hvor sandsynligt er det, at du vil anbefale {{ sender.name }} til en ven eller kollega?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} ud af 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = slet ikke sandsynligt, 10 = meget sandsynligt</p>
                    <p>Efter klikket kan du skrive et par ord om hvorfor, hvis du har lyst. Vi læser det hele.</p>
                    <p>Venlig hilsen<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                Et hurtigt spørgsmål, og så lover vi ikke at plage dig mere: Hvor sandsynligt er det, at du vil anbefale {{ sender.name }} til en ven eller kollega? (0 = slet ikke sandsynligt, 10 = meget sandsynligt)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                Efter klikket kan du skrive et par ord om hvorfor, hvis du har lyst. Vi læser det hele.

                Venlig hilsen
                {{ sender.name }}

                Vil du ikke have mails som denne? Afmeld dig her: {{ unsubscribe_url }}
                """),
            ["sv"] = new(
                "Skulle du rekommendera oss, {{ customer.first_name ?? \"kära kund\" }}?",
                """
                    <p>Hej {{ customer.first_name }},</p>
                    <p>En snabb fråga, och vi lovar att inte tjata: Hur troligt är det att du skulle rekommendera {{ sender.name }} till en vän eller kollega?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} av 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = inte alls troligt, 10 = mycket troligt</p>
                    <p>Efter klicket kan du skriva några ord om varför, om du vill. Vi läser allt.</p>
                    <p>Vänliga hälsningar<br>{{ sender.name }}</p>
                    """,
                """
                Hej {{ customer.first_name }},

                En snabb fråga, och vi lovar att inte tjata: Hur troligt är det att du skulle rekommendera {{ sender.name }} till en vän eller kollega? (0 = inte alls troligt, 10 = mycket troligt)

                {{ for n in 0..10 }}{{ n }}: {{ nps_url n }}
                {{ end }}
                Efter klicket kan du skriva några ord om varför, om du vill. Vi läser allt.

                Vänliga hälsningar
                {{ sender.name }}

                Vill du inte få fler mejl som det här? Avregistrera dig här: {{ unsubscribe_url }}
                """),
            ["en"] = new(
                "Would you recommend us, {{ customer.first_name ?? \"dear customer\" }}?",
                """
                    <p>Hi {{ customer.first_name }},</p>
                    <p>One quick question, and we promise not to nag: how likely are you to recommend {{ sender.name }} to a friend or colleague?</p>
                    <table role="presentation" style="border-collapse:separate;border-spacing:4px;margin:16px 0"><tr>
                    {{ for n in 0..10 }}<td><a href="{{ nps_url n }}" aria-label="{{ n }} out of 10" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid #1f6feb;border-radius:4px;color:#1f6feb;text-decoration:none;font-weight:bold">{{ n }}</a></td>{{ end }}
                    </tr></table>
                    <p style="font-size:14px;color:#52606d">0 = not at all likely, 10 = extremely likely</p>
                    <p>After the click you can tell us why in a few words, if you like. We read every one.</p>
                    <p>Warm regards,<br>{{ sender.name }}</p>
                    """,
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
        new() { Id = id, Description = description, Layout = LayoutId, Locales = locales };

    /// <summary>
    /// A plain, mobile-friendly frame with the unsubscribe link every message must carry, its footer in the template's
    /// language (English for any language without one) and <c>lang</c> set to it.
    /// </summary>
    private static string Frame(string lang)
    {
        var footer = lang switch
        {
            "nb" => """Du får denne e-posten fordi du har vært i kontakt med {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#4b5563">Meld deg av</a>.""",
            "nn" => """Du får denne e-posten fordi du har vore i kontakt med {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#4b5563">Meld deg av</a>.""",
            "da" => """Du får denne mail, fordi du har været i kontakt med {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#4b5563">Afmeld</a>.""",
            "sv" => """Du får det här mejlet eftersom du har varit i kontakt med {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#4b5563">Avregistrera dig</a>.""",
            _ => """You are getting this email because you have been in touch with {{ sender.name }}. <a href="{{ unsubscribe_url }}" style="color:#4b5563">Unsubscribe</a>.""",
        };
        return $"""
            <!doctype html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="margin:0;padding:0;background:#f5f5f4">
            <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">
            {"{{ content }}"}
            </div>
            <p style="max-width:560px;margin:0 auto;padding:16px 24px;font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#4b5563">{footer}</p>
            </body>
            </html>
            """;
    }
}
