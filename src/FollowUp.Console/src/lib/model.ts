// The names a template or a condition can use, read from the API description's TemplateModel schema, so that the
// completion offered is the one the server's lint checks against.

export interface ModelName {
  path: string;
  type: string;
  description: string;
}

interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

export function flattenModel(schema: SchemaNode, prefix = "", depth = 0): ModelName[] {
  const names: ModelName[] = [];
  if (depth > 6 || !schema.properties) return names;
  for (const [name, node] of Object.entries(schema.properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = Array.isArray(node.type) ? node.type.filter((t) => t !== "null").join(" or ") : (node.type ?? "object");
    names.push({ path, type, description: node.description ?? "" });
    names.push(...flattenModel(node, path, depth + 1));
    if (node.items) names.push(...flattenModel(node.items, `${path}[]`, depth + 1));
  }
  return names;
}

/** The names directly beneath `prefix` ("" for the top), for completing what follows a dot. */
export function namesBeneath(names: ModelName[], prefix: string): ModelName[] {
  const depth = prefix === "" ? 0 : prefix.split(".").length;
  return names.filter((name) => {
    const parts = name.path.split(".");
    return parts.length === depth + 1 && (prefix === "" || name.path.startsWith(prefix + "."));
  });
}

export function lastPart(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
