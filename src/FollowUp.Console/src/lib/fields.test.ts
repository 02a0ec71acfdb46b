import { describe, expect, it } from "vitest";
import { fieldLabel, templatePart } from "./fields";

describe("fieldLabel", () => {
  it("names a template's part by its language and part", () => {
    expect(fieldLabel("template.locales.nb.html")).toBe("Bokmål, HTML");
    expect(fieldLabel("locales.sv.subject")).toBe("Svenska, Subject");
    expect(fieldLabel("template.locales.fi.text")).toBe("fi, Text");
    expect(fieldLabel("template.locales.nn")).toBe("Nynorsk");
  });

  it("says a rule's field in the form's words", () => {
    expect(fieldLabel("rule.sendWindow.from")).toBe("Send window, from");
    expect(fieldLabel("rule.frequencyCap")).toBe("Frequency cap");
    expect(fieldLabel("rule.cancelOn[1]")).toBe("Cancelling event 2");
    expect(fieldLabel("reminders[0].delay")).toBe("Reminder 1, delay");
    expect(fieldLabel("rule.templateId")).toBe("Template");
    expect(fieldLabel("maxAge")).toBe("Max age");
  });

  it("names the whole request when the error has no field", () => {
    expect(fieldLabel("$")).toBe("The request");
    expect(fieldLabel("")).toBe("The request");
    expect(fieldLabel("body")).toBe("The request");
  });
});

describe("templatePart", () => {
  it("finds the language and part an error is in", () => {
    expect(templatePart("template.locales.da.html")).toEqual({ locale: "da", part: "html" });
    expect(templatePart("locales.en.Subject")).toEqual({ locale: "en", part: "subject" });
    expect(templatePart("template.layout")).toBeNull();
    expect(templatePart("template.locales.en")).toBeNull();
  });
});
