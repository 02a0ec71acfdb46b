import { describe, expect, it } from "vitest";
import { isoToWords, parseIso, toIso, wordsToIso } from "./duration";

describe("isoToWords", () => {
  it.each([
    ["PT1H", "1 hour"],
    ["PT2H30M", "2 hours 30 minutes"],
    ["P5D", "5 days"],
    ["P7D", "1 week"],
    ["P1W", "1 week"],
    ["P14DT2H", "2 weeks 2 hours"],
    ["P9D", "9 days"],
    ["PT90M", "1 hour 30 minutes"],
    ["PT0S", "immediately"],
    ["pt45s", "45 seconds"],
  ])("%s reads as %s", (iso, words) => {
    expect(isoToWords(iso)).toBe(words);
  });

  it.each(["", "P", "PT", "P1Y", "P1M", "5 days", "P1DT", "PT-1H"])("%s is not a duration it reads", (iso) => {
    expect(isoToWords(iso)).toBeNull();
  });
});

describe("wordsToIso", () => {
  it.each([
    ["2 hours", "PT2H"],
    ["2 hours 30 minutes", "PT2H30M"],
    ["1 day and 3h", "P1DT3H"],
    ["90 min", "PT1H30M"],
    ["a week", "P7D"],
    ["2 weeks, 1 day", "P15D"],
    ["5d", "P5D"],
    ["now", "PT0S"],
    ["PT2H", "PT2H"],
    ["p1w", "P7D"],
    ["3 dager", "P3D"],
    ["to timer og 15 minutter", "PT2H15M"],
    ["  36 HOURS ", "P1DT12H"],
  ])("%s is %s", (words, iso) => {
    expect(wordsToIso(words)).toEqual({ iso });
  });

  it.each([
    ["", /how long/],
    ["soon", /not a number/],
    ["5", /what\?/],
    ["5 fortnights", /not a unit/],
    ["1 month", /Months and years/],
  ])("%s is refused with a reason", (words, reason) => {
    const result = wordsToIso(words);
    expect("error" in result && result.error).toMatch(reason);
  });

  it("reads back what it writes", () => {
    for (const iso of ["PT5M", "PT1H", "P2DT6H", "P21D", "P1DT1H1M1S"]) {
      const words = isoToWords(iso)!;
      expect(wordsToIso(words)).toEqual({ iso: toIso(parseIso(iso)!) });
    }
  });
});

describe("wordsToIso, written the short way", () => {
  it.each([
    ["2h30m", "PT2H30M"],
    ["1d3h", "P1DT3H"],
    ["2t30min", "PT2H30M"],
  ])("%s is %s, as people write it in a field", (words, iso) => {
    expect(wordsToIso(words)).toEqual({ iso });
  });
});


describe("wordsToIso, numbers in words", () => {
  // "ten" and "fem" are understood; the numbers between are not, in either language.
  it.each([
    ["eight hours", "PT8H"],
    ["nine days", "P9D"],
    ["seks timer", "PT6H"],
    ["sju dager", "P7D"],
    ["åtte timer", "PT8H"],
    ["ti minutter", "PT10M"],
  ])("%s is %s", (words, iso) => {
    expect(wordsToIso(words)).toEqual({ iso });
  });
});

describe("wordsToIso, years and months however written", () => {
  // "1 month" says why; "1 år" (\b does not see a word boundary before å) and ISO's P1Y and P3M are "not a number".
  it.each(["1 år", "2 år", "P1Y", "P3M", "P1Y2M"])("%s is refused because months and years vary", (words) => {
    const result = wordsToIso(words);
    expect("error" in result && result.error).toMatch(/Months and years/);
  });
});
