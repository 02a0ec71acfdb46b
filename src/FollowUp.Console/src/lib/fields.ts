// The API names a field by its path in the request (`template.locales.nb.html`, `rule.reminders[0].delay`); the console
// names it as its labels do ("Bokmål, HTML"; "Reminder 1, delay").

/** The five languages FollowUp writes in, each by its own name, in the order a Nordic marketer expects them. */
export const LocaleNames: Record<string, string> = {
  en: "English",
  nb: "Bokmål",
  nn: "Nynorsk",
  da: "Dansk",
  sv: "Svenska",
};

const PartNames: Record<string, string> = { subject: "Subject", html: "HTML", text: "Text" };

// Where the form's label says it otherwise than the name's words would.
const Words: Record<string, string> = {
  cancelOn: "Cancelling events",
  frequencyCap: "Frequency cap",
  sendWindow: "Send window",
  templateId: "Template",
  ruleId: "Rule",
  to: "To",
};

/** The language and part a template's error is in, so the editor can go there; null when it is in neither. */
export function templatePart(field: string): { locale: string; part: string } | null {
  const match = /^(?:template\.)?locales\.([^.]+)\.(subject|html|text)$/i.exec(field);
  return match ? { locale: match[1]!.toLowerCase(), part: match[2]!.toLowerCase() } : null;
}

/** A field's name in words, for an error the form shows in a list rather than next to its field. */
export function fieldLabel(field: string): string {
  const name = field.replace(/^(template|rule|input)\./i, "");
  const part = templatePart(name);
  if (part) return `${LocaleNames[part.locale] ?? part.locale}, ${PartNames[part.part]}`;
  const locale = /^locales\.([^.]+)$/i.exec(name);
  if (locale) return LocaleNames[locale[1]!.toLowerCase()] ?? locale[1]!;
  if (!name || name === "$" || name === "body") return "The request";
  return name
    .split(".")
    .map((step, index) => {
      const item = /^(.*)\[(\d+)\]$/.exec(step);
      const words = wordsOf(item ? item[1]! : step);
      const said = index === 0 ? words : words.toLowerCase();
      if (!item) return said;
      // A list's item counts from 1, and its name is one of them: "reminders[0]" is "Reminder 1".
      return `${said.replace(/s$/, "")} ${Number(item[2]) + 1}`;
    })
    .join(", ");
}

function wordsOf(name: string): string {
  if (Words[name]) return Words[name];
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
