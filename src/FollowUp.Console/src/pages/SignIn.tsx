import { useState } from "preact/hooks";
import { ApiError } from "../lib/api";
import { whoAmI, type Caller } from "../lib/me";
import { storeKey } from "../lib/session";

interface Props {
  onSignedIn: (caller: Caller) => void;
  expired: boolean;
  entraSignIn: string | null;
  /** Why a signed-in user was not let in (an Entra ID account without the app role). */
  refused?: string | null;
}

export function SignIn({ onSignedIn, expired, entraSignIn, refused }: Props) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(expired ? "Your key was not accepted any more. Sign in again." : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError("Enter the API key.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await whoAmI(trimmed);
      if (!session.signedIn) {
        setError("That key was not accepted. Check it and try again.");
        return;
      }
      storeKey(trimmed);
      onSignedIn(session.caller);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? "That key was not accepted. Check it and try again."
          : failure instanceof Error
            ? failure.message
            : "Signing in failed.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in" id={expired ? "sign-in-again" : "main"}>
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">
          <span class="logo" aria-hidden="true">↻</span> FollowUp console
        </h1>
        <p class="muted">Sign in with an API key: the self-host's own (<code>cat .local/api-key</code>), or a key named in <code>FollowUp:ApiKeys</code> (on Azure, the deployment's key in its Key Vault).</p>
        {refused && (
          <p class="notice error" role="alert">
            {refused} Sign in with a key, or ask for the role.
          </p>
        )}
        {entraSignIn && (
          <>
            <a class="button primary wide" href={entraSignIn}>
              Sign in with Microsoft
            </a>
            <p class="or">or with a key</p>
          </>
        )}
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="current-password"
          autoFocus
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "sign-in-error" : "sign-in-hint"}
          required
        />
        <p id="sign-in-hint" class="hint">Kept for this tab only, and forgotten when you close it or sign out.</p>
        {error && (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class={entraSignIn ? undefined : "primary"} disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
