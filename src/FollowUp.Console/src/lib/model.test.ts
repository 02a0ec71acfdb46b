import { describe, expect, it } from "vitest";
import { flattenModel, namesBeneath } from "./model";

const schema = {
  type: "object",
  properties: {
    customer: {
      type: "object",
      description: "The customer.",
      properties: { first_name: { type: "string", description: "First word of the name." }, order_count: { type: "integer" } },
    },
    order: {
      type: ["null", "object"],
      properties: { lines: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } } },
    },
  },
};

describe("the template model", () => {
  const names = flattenModel(schema);

  it("lists every name with its path and type", () => {
    expect(names.map((n) => n.path)).toEqual(["customer", "customer.first_name", "customer.order_count", "order", "order.lines", "order.lines[].name"]);
    expect(names.find((n) => n.path === "order")?.type).toBe("object");
    expect(names.find((n) => n.path === "customer.first_name")?.description).toBe("First word of the name.");
  });

  it("offers what follows a dot", () => {
    expect(namesBeneath(names, "customer").map((n) => n.path)).toEqual(["customer.first_name", "customer.order_count"]);
    expect(namesBeneath(names, "").map((n) => n.path)).toEqual(["customer", "order"]);
    expect(namesBeneath(names, "nothing")).toEqual([]);
  });
});
