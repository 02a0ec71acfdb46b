import { describe, type Problem } from "./problem";
import { forgetKey, storedKey } from "./session";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(describe(problem));
  }
}

export interface Answer<T> {
  data: T;
  etag: string | null;
  status: number;
}

type Listener = () => void;
const signedOut = new Set<Listener>();

/** Called when the API no longer takes the key: the app shows the sign-in again. */
export function onSignedOut(listener: Listener): () => void {
  signedOut.add(listener);
  return () => signedOut.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string | null;
  key?: string;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  // X-Requested-With: a signed-in (Entra ID) user's calls need it, so that another site cannot act with the sign-in.
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", "X-Requested-With": "FollowUp-Console" };
  // An empty key asks without one (a user signed in with Entra ID is known by App Service's cookie).
  const key = options.key ?? storedKey();
  if (key) headers["X-Api-Key"] = key;
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal ?? null, credentials: "same-origin" });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, { title: "FollowUp did not answer.", detail: "Check that the host is running and try again." });
  }

  const text = await response.text();
  let data: unknown = null;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const problem: Problem = data && typeof data === "object" ? (data as Problem) : { title: `${response.status} ${response.statusText}` };
    if (response.status === 401 && options.key === undefined) {
      forgetKey();
      signedOut.forEach((listener) => listener());
    }
    throw new ApiError(response.status, problem);
  }

  return { data: data as T, etag: response.headers.get("ETag"), status: response.status };
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, { ...options, body });
export const put = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, { ...options, body });
export const del = <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options);

export function query(values: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const enc = encodeURIComponent;
