// Durations as the API takes them (ISO 8601: "P5D", "PT2H30M") and as people say them ("5 days", "2 hours 30 minutes").
// Months and years are refused: their length varies, and the API counts in fixed time.

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const Iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

export function parseIso(text: string): DurationParts | null {
  const trimmed = text.trim();
  const match = Iso.exec(trimmed);
  if (!match || trimmed.toUpperCase() === "P" || trimmed.toUpperCase().endsWith("T")) return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return normalise({ days: (weeks ?? 0) * 7 + (days ?? 0), hours: hours ?? 0, minutes: minutes ?? 0, seconds: seconds ?? 0 });
}

function totalSeconds(parts: DurationParts): number {
  return ((parts.days * 24 + parts.hours) * 60 + parts.minutes) * 60 + parts.seconds;
}

function normalise(parts: DurationParts): DurationParts {
  let rest = totalSeconds(parts);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { days, hours, minutes, seconds: rest - minutes * 60 };
}

export function toIso(parts: DurationParts): string {
  const p = normalise(parts);
  if (totalSeconds(p) === 0) return "PT0S";
  let text = "P";
  if (p.days) text += `${p.days}D`;
  if (p.hours || p.minutes || p.seconds) {
    text += "T";
    if (p.hours) text += `${p.hours}H`;
    if (p.minutes) text += `${p.minutes}M`;
    if (p.seconds) text += `${p.seconds}S`;
  }
  return text;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

/** "P9D" → "1 week 2 days"; "PT0S" → "immediately"; null when the text is not a duration this understands. */
export function isoToWords(text: string): string | null {
  const parts = parseIso(text);
  if (!parts) return null;
  if (totalSeconds(parts) === 0) return "immediately";
  const words: string[] = [];
  const weeks = parts.days % 7 === 0 && parts.days > 0 ? parts.days / 7 : 0;
  if (weeks) words.push(plural(weeks, "week"));
  else if (parts.days) words.push(plural(parts.days, "day"));
  if (parts.hours) words.push(plural(parts.hours, "hour"));
  if (parts.minutes) words.push(plural(parts.minutes, "minute"));
  if (parts.seconds) words.push(plural(parts.seconds, "second"));
  return words.join(" ");
}

// English and Norwegian Bokmål units, whole words and the usual short forms.
const Units: [RegExp, number][] = [
  [/^(w|wk|wks|weeks?|uker?|ukene)$/, 7 * 86400],
  [/^(d|days?|dager?|døgn)$/, 86400],
  [/^(h|hr|hrs|hours?|t|timer?)$/, 3600],
  [/^(m|min|mins|minutes?|minutt(?:er)?)$/, 60],
  [/^(s|sec|secs|seconds?|sekund(?:er)?)$/, 1],
];

const Numbers: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  en: 1, ett: 1, ei: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7, syv: 7, åtte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12,
};

export type WordsResult = { iso: string } | { error: string };

/** "2 hours 30 minutes", "1 day and 3h", "90 min", "a week", "now" → ISO 8601; or why not. */
export function wordsToIso(text: string): WordsResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed.length === 0) return { error: "Say how long, for example “2 hours” or “5 days”." };
  if (/^(now|immediately|at once|straight away|nå|med en gang|straks)$/.test(trimmed)) return { iso: "PT0S" };
  if (parseIso(trimmed)) return { iso: toIso(parseIso(trimmed)!) };
  // Months and years, in words or as ISO 8601 (P1Y, P3M, P1Y2M, but not PT3M, which is minutes).
  if (/(^|[\s\d])(months?|years?|måned(?:er)?|år)(?![a-zæøå])/u.test(trimmed) || /^p(\d+y|\d+m)/.test(trimmed)) {
    return { error: "Months and years vary in length: give days or weeks instead." };
  }

  // "2h30m" and "1d3h" as people write them: a number and its unit, however they run together.
  const tokens = trimmed
    .replace(/,|\band\b|\bog\b/g, " ")
    .replace(/(\d)([a-zæøå])/g, "$1 $2")
    .replace(/([a-zæøå])(\d)/g, "$1 $2")
    .split(/\s+/)
    .filter(Boolean);
  let seconds = 0;
  let seen = false;
  for (let i = 0; i < tokens.length; i += 2) {
    const amountWord = tokens[i]!;
    const unitWord = tokens[i + 1];
    const amount = /^\d+$/.test(amountWord) ? Number(amountWord) : Numbers[amountWord];
    if (amount === undefined) return { error: `“${amountWord}” is not a number.` };
    if (unitWord === undefined) return { error: `${amountWord} what? Add a unit: minutes, hours, days or weeks.` };
    const unit = Units.find(([pattern]) => pattern.test(unitWord));
    if (!unit) return { error: `“${unitWord}” is not a unit: use minutes, hours, days or weeks.` };
    seconds += amount * unit[1];
    seen = true;
  }

  if (!seen) return { error: "Say how long, for example “2 hours” or “5 days”." };
  return { iso: toIso({ days: 0, hours: 0, minutes: 0, seconds }) };
}
