import { useEffect, useRef } from "preact/hooks";
import { Base } from "../lib/router";

interface Props {
  html: string;
  title: string;
  width: "desktop" | "phone";
}

/**
 * A mail shown as a mail client shows it: in a sandboxed frame without same-origin (nothing in a mail can reach the
 * console or its key) whose page has its own Content-Security-Policy allowing a mail's inline styles. The mail goes in
 * through a MessageChannel handed over once, when the frame first loads: should the frame ever be navigated away, the
 * new page has no port and gets nothing.
 */
export function PreviewFrame({ html, title, width }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const port = useRef<MessagePort | null>(null);
  const latest = useRef(html);
  latest.current = html;

  useEffect(() => {
    const element = frame.current!;
    const onLoad = () => {
      if (port.current) return;
      const channel = new MessageChannel();
      port.current = channel.port1;
      element.contentWindow?.postMessage({ followup: "port" }, "*", [channel.port2]);
      channel.port1.postMessage(latest.current);
    };
    element.addEventListener("load", onLoad);
    return () => {
      element.removeEventListener("load", onLoad);
      port.current?.close();
      port.current = null;
    };
  }, []);

  useEffect(() => {
    port.current?.postMessage(html);
  }, [html]);

  return (
    <div class={`preview-frame ${width}`}>
      <iframe ref={frame} src={`${Base}frame.html`} sandbox="allow-scripts" title={title} referrerpolicy="no-referrer" />
    </div>
  );
}
