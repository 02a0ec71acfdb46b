import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorNote, Loading, useTitle } from "./components/Status";
import { lastPageTitle, onPageTitle } from "./lib/pageTitle";
import { whoAmI, type Caller } from "./lib/me";
import { Link } from "./components/Link";
import { onSignedOut } from "./lib/api";
import { confirmLeaving, match, useRoute } from "./lib/router";
import { forgetKey, storedKey } from "./lib/session";
import { lazyPage } from "./components/lazyPage";
import { MessagesPage } from "./pages/Messages";
import { RulesPage } from "./pages/Rules";
import { SignIn } from "./pages/SignIn";
import { SuppressionsPage } from "./pages/Suppressions";
import { TemplatesPage } from "./pages/Templates";

const OverviewPage = lazyPage(() => import("./pages/Overview").then((m) => m.OverviewPage), "overview");
const RuleEditorPage = lazyPage<{ id: string }>(() => import("./pages/RuleEditor").then((m) => m.RuleEditorPage), "rule editor");
const TemplateEditorPage = lazyPage<{ id: string }>(() => import("./pages/TemplateEditor").then((m) => m.TemplateEditorPage), "template editor");

const Sections = [
  { path: "", label: "Overview" },
  { path: "rules", label: "Rules" },
  { path: "templates", label: "Templates" },
  { path: "messages", label: "Messages" },
  { path: "suppressions", label: "Suppressions" },
];

export function App() {
  // Unknown until /api/me answers: the key in this tab, or an Entra ID session, may already let us in.
  const [caller, setCaller] = useState<Caller | null | undefined>(undefined);
  const [entraSignIn, setEntraSignIn] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);
  const { path } = useRoute();
  const announced = usePageAnnouncement(path, !!caller);

  useEffect(() => {
    whoAmI(storedKey() ?? undefined).then(
      (session) => {
        if (session.signedIn) setCaller(session.caller);
        else {
          if (storedKey()) forgetKey();
          setEntraSignIn(session.entraSignIn);
          setRefused(session.refused ?? null);
          setCaller(null);
        }
      },
      (error: unknown) => setFailure(error),
    );
    // A key that stops working mid-session (rotated; an Entra session that ended) asks for a key over the page, which
    // stays as it is underneath: what was typed is still there to save after signing in again.
    return onSignedOut(() => setExpired(true));
  }, []);

  if (failure) return <main id="main" class="sign-in"><ErrorNote error={failure} /></main>;
  if (caller === undefined) return <main id="main" class="sign-in"><Loading what="the console" /></main>;
  if (caller === null) {
    return (
      <SignIn
        expired={false}
        refused={refused}
        entraSignIn={entraSignIn}
        onSignedIn={(who) => {
          setExpired(false);
          setCaller(who);
        }}
      />
    );
  }

  const section = path.split("/")[0] ?? "";
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link to="" class="brand">
          <span class="logo" aria-hidden="true">↻</span> FollowUp
        </Link>
        <nav aria-label="Console">
          <ul>
            {Sections.map((item) => (
              <li key={item.path}>
                <Link to={item.path} current={section === item.path}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who" title={caller.via === "entra" ? "Signed in with Microsoft Entra ID" : "Signed in with an API key"}>
          {caller.name}
        </span>
        <button
          type="button"
          class="quiet"
          onClick={() => {
            if (!confirmLeaving()) return;
            forgetKey();
            if (caller.via === "entra" && caller.entraSignOut) {
              location.assign(caller.entraSignOut);
              return;
            }
            setExpired(false);
            setCaller(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1} inert={expired}>
        {/* One page per path, new each time: each names itself when shown, even after one of the same kind. */}
        <Page path={path} key={path} />
      </main>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="page-announcer">
        {announced}
      </p>
      {expired && (
        <div class="overlay" role="dialog" aria-modal="true" aria-label="Sign in again">
          <SignIn
            expired={true}
            entraSignIn={caller.entraSignIn ?? entraSignIn}
            onSignedIn={(who) => {
              setExpired(false);
              setCaller(who);
            }}
          />
        </div>
      )}
    </>
  );
}

/**
 * A page change in a single-page app is silent to a screen reader, and leaves the focus on a link that is gone. After
 * each change of page (not the first, not a new search on the same page) the focus moves to the page's main region, and
 * a live region says the page's title once the page has given itself one: at once, or when its code has come.
 */
function usePageAnnouncement(path: string, signedIn: boolean): string {
  const [announced, setAnnounced] = useState("");
  const shown = useRef<string | null>(null);
  const awaited = useRef<string | null>(null);
  const saying = useRef(0);

  const say = (title: string) => {
    awaited.current = null;
    // Emptied first, so that the same words twice ("Not found", then another "Not found") are said twice.
    setAnnounced("");
    window.clearTimeout(saying.current);
    saying.current = window.setTimeout(() => setAnnounced(title), 100);
  };

  useEffect(() => {
    const stop = onPageTitle((titled) => {
      if (awaited.current !== null && awaited.current === titled.path) say(titled.title);
    });
    return () => {
      stop();
      window.clearTimeout(saying.current);
    };
  }, []);

  useEffect(() => {
    if (!signedIn) {
      shown.current = null;
      awaited.current = null;
      return;
    }
    const first = shown.current === null;
    if (shown.current === path) return;
    shown.current = path;
    if (first) return;
    document.getElementById("main")?.focus();
    // A page shown at once has named itself already, in an effect that runs before this one.
    const last = lastPageTitle();
    if (last && last.path === path) say(last.title);
    else awaited.current = path;
  }, [path, signedIn]);
  return announced;
}

function Page({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if (path === "") return <OverviewPage />;
  if (path === "rules") return <RulesPage />;
  if ((params = match("rules/:id", path))) return <RuleEditorPage id={params.id!} key={params.id} />;
  if (path === "templates") return <TemplatesPage />;
  if ((params = match("templates/:id", path))) return <TemplateEditorPage id={params.id!} key={params.id} />;
  if (path === "messages") return <MessagesPage />;
  if (path === "suppressions") return <SuppressionsPage />;
  return <NotFound />;
}

function NotFound() {
  useTitle("Not found");
  return (
    <section>
      <h1>Not found</h1>
      <p>
        The console has no page here. <Link to="">Go to the overview.</Link>
      </p>
    </section>
  );
}
