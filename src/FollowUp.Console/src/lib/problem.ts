/** An RFC 9457 problem as the API answers it, with ASP.NET Core's per-field `errors`. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** Where in a text an error points, as the API writes it: "line 3, column 7: ...". */
export interface TextPosition {
  line: number;
  column: number;
  message: string;
}

export function positionIn(reason: string): TextPosition | null {
  const match = /^line (\d+), column (\d+): ([\s\S]*)$/.exec(reason);
  if (!match) return null;
  return { line: Number(match[1]), column: Number(match[2]), message: match[3] ?? "" };
}

/** The errors for one field and those beneath it (`sendWindow` takes `sendWindow.from`), with the rest of the name. */
export function errorsUnder(problem: Problem | null | undefined, field: string): string[] {
  if (!problem?.errors) return [];
  const lower = field.toLowerCase();
  return Object.entries(problem.errors)
    .filter(([name]) => {
      const n = name.toLowerCase();
      return n === lower || n.startsWith(lower + ".") || n.startsWith(lower + "[");
    })
    .flatMap(([name, reasons]) => reasons.map((reason) => (name.toLowerCase() === lower ? reason : `${name.slice(field.length).replace(/^\./, "")}: ${reason}`)));
}

/** A problem in words, for where no field shows it. */
export function describe(problem: Problem): string {
  const parts = [problem.title ?? "The request failed."];
  if (problem.detail) parts.push(problem.detail);
  return parts.join(" ");
}
