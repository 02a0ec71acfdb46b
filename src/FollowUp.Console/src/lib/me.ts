import { ApiError, get } from "./api";
import { setHostNow } from "./format";

export interface Caller {
  name: string;
  via: "key" | "entra";
  entraSignIn?: string | null;
  entraSignOut?: string | null;
  now?: string;
}

export type Session = { signedIn: true; caller: Caller } | { signedIn: false; entraSignIn: string | null; refused?: string };

/**
 * Who the API takes this browser for: with the key in this tab, or without one, a user signed in with Entra ID
 * (App Service's cookie goes with every request). Not let in, it says where Entra sign-in is, when it is offered.
 */
export async function whoAmI(key?: string): Promise<Session> {
  try {
    const answer = await get<Caller>("/api/me", key ? { key } : { key: "" });
    if (answer.data.now) setHostNow(answer.data.now);
    return { signedIn: true, caller: answer.data };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const signIn = (error.problem as { entraSignIn?: unknown }).entraSignIn;
      return { signedIn: false, entraSignIn: typeof signIn === "string" && isPathOnThisHost(signIn) ? signIn : null };
    }
    if (error instanceof ApiError && error.status === 403) {
      // Signed in with Entra ID without the app role: a key still lets them in, and the problem says which role is missing.
      return { signedIn: false, entraSignIn: null, refused: error.message };
    }
    throw error;
  }
}

/**
 * Only a path on this host: never "//elsewhere", which a browser reads as another site, nor one that becomes it once
 * the browser drops the tabs and line breaks in it. Read as the browser reads it, against a stand-in host.
 */
export function isPathOnThisHost(address: string): boolean {
  if (!address.startsWith("/") || /[\u0000-\u001f\u007f]/.test(address)) return false;
  try {
    return new URL(address, "https://this-host.invalid/").host === "this-host.invalid";
  } catch {
    return false;
  }
}

let syncing: Promise<void> | null = null;

/**
 * Asks the host its time again (the overview, left open for days, counts the host's days as they come). Callers at the
 * same moment (the overview's report and its alerts) share one request.
 */
export function syncHostClock(): Promise<void> {
  syncing ??= get<Caller>("/api/me")
    .then((answer) => {
      if (answer.data.now) setHostNow(answer.data.now);
    })
    .finally(() => {
      syncing = null;
    });
  return syncing;
}
