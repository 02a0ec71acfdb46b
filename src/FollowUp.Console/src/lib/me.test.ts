import { afterEach, describe, expect, it, vi } from "vitest";
import { whoAmI } from "./me";

afterEach(() => vi.unstubAllGlobals());

function answer401(entraSignIn: string) {
  vi.stubGlobal("fetch", async () =>
    new Response(JSON.stringify({ title: "An API key is required.", status: 401, entraSignIn }), { status: 401, headers: { "Content-Type": "application/problem+json" } }),
  );
}

describe("whoAmI's Entra sign-in address", () => {
  // A browser drops tabs and line breaks from a URL before reading it: "/\t/elsewhere.example" is "//elsewhere.example".
  it.each(["/\t/elsewhere.example/", "/\n/elsewhere.example/", "/\r\\elsewhere.example/"])("is not followed when it leads off this host (%j)", async (address) => {
    answer401(address);
    const session = await whoAmI();
    expect(session.signedIn).toBe(false);
    const signIn = session.signedIn ? null : session.entraSignIn;
    expect(signIn === null || new URL(signIn, "https://followup.example/console/").host === "followup.example").toBe(true);
  });
});
